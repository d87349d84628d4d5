/* nnexplain playground core: the library's training numerics in the reader's browser.
 *
 * Maths only, no page: the same file runs in the browser (window.nnexplainPlayground, loaded
 * before playground.js) and under node (module.exports), where tests/js/playground.test.mjs
 * checks it against numbers the Python side writes (tests/js/playground_fixtures.py).
 *
 * - Generator: numpy's default_rng(seed) (SeedSequence, PCG64, random doubles, the ziggurat
 *   normal, permutation), so that a seed gives the same draws as in Python;
 * - makeData: nnexplain.datasets' make_moons, make_xor, make_spirals and make_disc_in_ring;
 * - initialParameters: MLP(sizes, init=..., seed=seed)'s initial weights;
 * - Trainer: MLP.fit in float64 (the validation split, a shuffle per epoch, minibatches,
 *   backpropagation, binary cross-entropy from the logits, SGD and Adam as in
 *   nnexplain.optimizers);
 * - parseState / formatState: the run in a link, parsed with limits;
 * - pythonScript: the run as a Python script that nnexplain reproduces.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.nnexplainPlayground = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* ---------------------------------------------------------------- numpy's random numbers */

  var M32 = 0xffffffff;
  var MASK64 = (1n << 64n) - 1n, MASK128 = (1n << 128n) - 1n;
  var PCG_MULT = (2549297995355413924n << 64n) + 4865540595714422341n;
  var TWO_M53 = 1.0 / 9007199254740992.0;

  function imul32(a, b) { return Math.imul(a, b) >>> 0; }

  /* numpy.random.SeedSequence(seed).generate_state(n64, uint64), as BigInts. */
  function seedSequence(seed, n64) {
    var entropy = [], s = BigInt(seed);
    if (s === 0n) entropy.push(0);
    while (s > 0n) { entropy.push(Number(s & 0xffffffffn)); s >>= 32n; }
    var hashConst = 0x43b0d7e5;
    function hashmix(value) {
      value = (value ^ hashConst) >>> 0;
      hashConst = imul32(hashConst, 0x931e8875);
      value = imul32(value, hashConst);
      return (value ^ (value >>> 16)) >>> 0;
    }
    function mix(x, y) {
      var r = (imul32(0xca01f9dd, x) - imul32(0x4973f715, y)) >>> 0;
      return (r ^ (r >>> 16)) >>> 0;
    }
    var pool = [], i, j;
    for (i = 0; i < 4; i++) pool.push(hashmix(i < entropy.length ? entropy[i] : 0));
    for (i = 0; i < 4; i++) for (j = 0; j < 4; j++) if (i !== j) pool[j] = mix(pool[j], hashmix(pool[i]));
    for (i = 4; i < entropy.length; i++) for (j = 0; j < 4; j++) pool[j] = mix(pool[j], hashmix(entropy[i]));
    var hashB = 0x8b51f9dd, words = [];
    for (i = 0; i < 2 * n64; i++) {
      var v = (pool[i % 4] ^ hashB) >>> 0;
      hashB = imul32(hashB, 0x58f38ded);
      v = imul32(v, hashB);
      words.push((v ^ (v >>> 16)) >>> 0);
    }
    var out = [];
    for (i = 0; i < n64; i++) out.push(BigInt(words[2 * i]) | (BigInt(words[2 * i + 1]) << 32n));
    return out;
  }

  /* numpy.random.default_rng(seed): PCG64 seeded through SeedSequence, seed an int >= 0. */
  function Generator(seed) {
    var w = seedSequence(seed, 4);
    var init = (w[0] << 64n) | w[1], seq = (w[2] << 64n) | w[3];
    this.inc = ((seq << 1n) | 1n) & MASK128;
    this.state = 0n;
    this.step();
    this.state = (this.state + init) & MASK128;
    this.step();
    this.hasUint32 = false;
    this.uinteger = 0;
  }
  Generator.prototype.step = function () {
    this.state = (this.state * PCG_MULT + this.inc) & MASK128;
  };
  /* The next 64 random bits (a BigInt): PCG64's XSL-RR output of the advanced state. */
  Generator.prototype.next64 = function () {
    this.step();
    var hi = this.state >> 64n, x = (hi ^ this.state) & MASK64, rot = hi >> 58n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
  };
  /* 32 bits: the low half of a 64-bit draw, then its high half (numpy buffers the other). */
  Generator.prototype.next32 = function () {
    if (this.hasUint32) { this.hasUint32 = false; return this.uinteger; }
    var n = this.next64();
    this.hasUint32 = true;
    this.uinteger = Number(n >> 32n);
    return Number(n & 0xffffffffn);
  };
  /* A double in [0, 1): the top 53 bits. */
  Generator.prototype.random = function () {
    return Number(this.next64() >> 11n) * TWO_M53;
  };
  /* rng.uniform(low, high, size=n): low + (high - low) * U. */
  Generator.prototype.uniform = function (low, high, n) {
    var out = new Float64Array(n), range = high - low;
    for (var i = 0; i < n; i++) out[i] = low + range * this.random();
    return out;
  };

  var ZIG_R = 3.6541528853610087963519472518, ZIG_INV_R = 0.27366123732975827203338247596;
  /* ziggurat tables: begin */
  // numpy's ziggurat_constants.h (written by tools/ziggurat_tables.py; do not edit)
  var ZIG_KI = [
    4208095142473578, 0, 3387314423973544, 3838760076542274,
    4030768804392682, 4136731738896254, 4203757248105145, 4249917568205994,
    4283617341590296, 4309289223136604, 4329489775174550, 4345795907393188,
    4359232558744730, 4370494503737299, 4380069246215646, 4388308869042394,
    4395473957549321, 4401761481783924, 4407323076021240, 4412277362218204,
    4416718463613199, 4420722014516422, 4424349484777079, 4427651345409294,
    4430669422005229, 4433438668975191, 4435988524278344, 4438343955930065,
    4440526279077425, 4442553800234660, 4444442329865861, 4446205593658138,
    4447855565093316, 4449402736340121, 4450856340408624, 4452224534496486,
    4453514552210512, 4454732830656798, 4455885117109368, 4456976558985043,
    4458011780094444, 4458994945550386, 4459929817254120, 4460819801517196,
    4461667990089170, 4462477195632268, 4463249982500384, 4463988693531856,
    4464695473445501, 4465372289331869, 4466020948651920, 4466643115089764,
    4467240322552142, 4467813987562542, 4468365420260672, 4468895834186994,
    4469406355006040, 4469898028300364, 4470371826548633, 4470828655385770,
    4471269359229841, 4471694726349190, 4472105493433674, 4472502349725738,
    4472885940759935, 4473256871753524, 4473615710685532, 4473962991097124,
    4474299214642296, 4474624853414418, 4474940352071305, 4475246129778808,
    4475542581990776, 4475830082081194, 4476108982842610, 4476379617863426,
    4476642302795321, 4476897336520866, 4477145002230339, 4477385568415884,
    4477619289790266, 4477846408136804, 4478067153096380, 4478281742896886,
    4478490385029917, 4478693276879082, 4478890606303906, 4479082552182886,
    4479269284918997, 4479450966910588, 4479627752990372, 4479799790834988,
    4479967221347354, 4480130179013872, 4480288792238368, 4480443183654460,
    4480593470417939, 4480739764480586, 4480882172846772, 4481020797814010,
    4481155737198612, 4481287084547452, 4481414929336784, 4481539357158974,
    4481660449897960, 4481778285894165, 4481892940099539, 4482004484223382,
    4482112986869492, 4482218513665204, 4482321127382802, 4482420888053758,
    4482517853076245, 4482612077316275, 4482703613202871, 4482792510817576,
    4482878817978627, 4482962580320076, 4483043841366126, 4483122642600925,
    4483199023534056, 4483273021761922, 4483344673025224, 4483414011262724,
    4483481068661428, 4483545875703378, 4483608461209170, 4483668852378323,
    4483727074826624, 4483783152620564, 4483837108308932, 4483888962951686,
    4483938736146144, 4483986446050596, 4484032109405372, 4484075741551420,
    4484117356446452, 4484156966678662, 4484194583478081, 4484230216725550,
    4484263874959345, 4484295565379450, 4484325293849474, 4484353064896186,
    4484378881706674, 4484402746123075, 4484424658634833, 4484444618368474,
    4484462623074794, 4484478669113436, 4484492751434740, 4484504863558830,
    4484514997551788, 4484523143998833, 4484529291974394, 4484533429008906,
    4484535541052219, 4484535612433424, 4484533625816926, 4484529562154580,
    4484523400633636, 4484515118620291, 4484504691598554, 4484492093104164,
    4484477294653230, 4484460265665252, 4484440973380154, 4484419382768918,
    4484395456437370, 4484369154522621, 4484340434581640, 4484309251471359,
    4484275557219678, 4484239300886654, 4484200428415112, 4484158882469814,
    4484114602264271, 4484067523374160, 4484017577536216, 4483964692431365,
    4483908791450714, 4483849793442887, 4483787612441036, 4483722157367660,
    4483653331715198, 4483581033200083, 4483505153387764, 4483425577285833,
    4483342182902157, 4483254840764470, 4483163413397547, 4483067754753536,
    4482967709590562, 4482863112794072, 4482753788634692, 4482639549955636,
    4482520197281720, 4482395517841076, 4482265284489409, 4482129254525304,
    4481987168383486, 4481838748191074, 4481683696169781, 4481521692864464,
    4481352395175570, 4481175434169564, 4480990412637506, 4480796902367134,
    4480594441088331, 4480382529045225, 4480160625140311, 4479928142586662,
    4479684443993061, 4479428835793398, 4479160561915451, 4478878796564388,
    4478582635972392, 4478271088936406, 4477943065929958, 4477597366530538,
    4477232664848704, 4476847492576192, 4476440219183781, 4476009028690434,
    4475551892286424, 4475066535915646, 4474550401693506, 4474000601739904,
    4473413862618200, 4472786458058295, 4472114126959004, 4471391972746494,
    4470614338917719, 4469774653883156, 4468865235838896, 4467877045039530,
    4466799366045354, 4465619395558397, 4464321701199635, 4462887501169282,
    4461293691124341, 4459511507635972, 4457504658253067, 4455226650325010,
    4452616884242348, 4449594783440798, 4446050695647666, 4441831266659618,
    4436714892174061, 4430368316897338, 4422264825074740, 4411517007702132,
    4396496531309976, 4373832704204284, 4335125104963628, 4251099761679434,
  ];
  var ZIG_WI = [
    8.683627060801306e-16, 4.779330175727737e-17, 6.354352417405262e-17, 7.454870481247696e-17,
    8.3293668157931e-17, 9.068060405059482e-17, 9.714860076567762e-17, 1.0294750314241019e-16,
    1.0823430288447684e-16, 1.131147019610903e-16, 1.176635945702292e-16, 1.2193617278714363e-16,
    1.2597439914637093e-16, 1.2981099886264032e-16, 1.3347203736824123e-16, 1.3697864842571203e-16,
    1.4034823001242382e-16, 1.4359529452056943e-16, 1.4673208742364422e-16, 1.4976904668391037e-16,
    1.5271515003596198e-16, 1.5557818169460764e-16, 1.5836494009290885e-16, 1.6108140175274928e-16,
    1.6373285203969853e-16, 1.6632399058420835e-16, 1.6885901708676596e-16, 1.713417017655966e-16,
    1.737754436586486e-16, 1.7616331923000996e-16, 1.7850812316976727e-16, 1.8081240285799152e-16,
    1.830784876482675e-16, 1.853085138861802e-16, 1.8750444639373882e-16, 1.896680970077476e-16,
    1.918011406483862e-16, 1.9390512930625104e-16, 1.9598150426628824e-16, 1.9803160683128174e-16,
    2.000566877627333e-16, 2.0205791562071654e-16, 2.0403638415480212e-16, 2.0599311887403706e-16,
    2.079290829041402e-16, 2.0984518222370352e-16, 2.1174227035760342e-16, 2.1362115259449868e-16,
    2.1548258978581458e-16, 2.1732730177564367e-16, 2.191559705042727e-16, 2.2096924282235318e-16,
    2.2276773304789553e-16, 2.2455202529414355e-16, 2.263226755928568e-16, 2.280802138345017e-16,
    2.2982514554424684e-16, 2.3155795351040804e-16, 2.3327909928004356e-16, 2.3498902453470955e-16,
    2.3668815235791604e-16, 2.3837688840454243e-16, 2.4005562198135063e-16, 2.4172472704675025e-16,
    2.433845631371103e-16, 2.4503547622614954e-16, 2.466777995232705e-16, 2.4831185421610877e-16,
    2.4993795016204524e-16, 2.515563865329658e-16, 2.5316745241713583e-16, 2.547714273816944e-16,
    2.563685819989397e-16, 2.579591783392867e-16, 2.5954347043351707e-16, 2.6112170470670194e-16,
    2.6269412038597256e-16, 2.6426094988411895e-16, 2.658224191608307e-16, 2.6737874806323633e-16,
    2.689301506472616e-16, 2.704768354811995e-16, 2.720190059327732e-16, 2.735568604408679e-16,
    2.7509059277301666e-16, 2.7662039226963903e-16, 2.781464440759544e-16, 2.79668929362423e-16,
    2.8118802553450207e-16, 2.827039064324479e-16, 2.842167425218406e-16, 2.8572670107546015e-16,
    2.87233946347098e-16, 2.887386397378482e-16, 2.9024093995538423e-16, 2.9174100316669455e-16,
    2.9323898314471816e-16, 2.947350314092935e-16, 2.9622929736280665e-16, 2.977219284209029e-16,
    2.992130701386013e-16, 3.007028663321331e-16, 3.0219145919680615e-16, 3.036789894211802e-16,
    3.051655962978219e-16, 3.0665141783089545e-16, 3.081365908408297e-16, 3.0962125106629225e-16,
    3.111055332636893e-16, 3.125895713043999e-16, 3.140734982699446e-16, 3.1555744654528006e-16,
    3.1704154791040285e-16, 3.1852593363044065e-16, 3.2001073454440114e-16, 3.214960811527447e-16,
    3.2298210370394156e-16, 3.244689322801698e-16, 3.2595669688230784e-16, 3.2744552751437067e-16,
    3.2893555426753697e-16, 3.3042690740391284e-16, 3.3191971744017523e-16, 3.3341411523123725e-16,
    3.3491023205407785e-16, 3.364081996918765e-16, 3.37908150518595e-16, 3.394102175841489e-16,
    3.409145347003126e-16, 3.424212365275018e-16, 3.4393045866258313e-16, 3.454423377278584e-16,
    3.4695701146137835e-16, 3.4847461880874137e-16, 3.499953000165381e-16, 3.5151919672760744e-16,
    3.53046452078274e-16, 3.5457721079774357e-16, 3.5611161930983884e-16, 3.5764982583726505e-16,
    3.59191980508603e-16, 3.6073823546823514e-16, 3.6228874498941915e-16, 3.6384366559073444e-16,
    3.65403156156137e-16, 3.669673780588701e-16, 3.685364952894914e-16, 3.7011067458828983e-16,
    3.716900855823823e-16, 3.7327490092779435e-16, 3.7486529645684887e-16, 3.7646145133120287e-16,
    3.7806354820089604e-16, 3.7967177336979443e-16, 3.8128631696783774e-16, 3.829073731305243e-16,
    3.8453514018609596e-16, 3.8616982085091493e-16, 3.878116224335587e-16, 3.894607570481926e-16,
    3.9111744183782054e-16, 3.9278189920805415e-16, 3.944543570720877e-16, 3.9613504910761354e-16,
    3.9782421502646826e-16, 3.995221008578565e-16, 4.012289592460629e-16, 4.029450497636328e-16,
    4.04670639241075e-16, 4.0640600211422504e-16, 4.0815142079049387e-16, 4.0990718603532664e-16,
    4.1167359738030257e-16, 4.134509635544236e-16, 4.1523960294026883e-16, 4.170398440568316e-16,
    4.1885202607101123e-16, 4.206764993399015e-16, 4.2251362598620494e-16, 4.243637805093078e-16,
    4.262273504347798e-16, 4.2810473700531167e-16, 4.2999635591638323e-16, 4.3190263810026294e-16,
    4.338240305622791e-16, 4.357609972736849e-16, 4.3771402012585875e-16, 4.3968359995105214e-16,
    4.4167025761542035e-16, 4.4367453519065673e-16, 4.456969972112043e-16, 4.477382320247534e-16,
    4.49798853244555e-16, 4.518795013130059e-16, 4.539808451870034e-16, 4.561035841567422e-16,
    4.582484498109567e-16, 4.604162081631153e-16, 4.626076619547846e-16, 4.648236531543207e-16,
    4.670650656712631e-16, 4.693328283093329e-16, 4.716279179838351e-16, 4.739513632325867e-16,
    4.763042480533137e-16, 4.786877161048723e-16, 4.811029753147417e-16, 4.835513029411525e-16,
    4.860340511450812e-16, 4.885526531353603e-16, 4.91108629959527e-16, 4.937035980240335e-16,
    4.963392774403987e-16, 4.990175013091822e-16, 5.017402260718089e-16, 5.045095430818727e-16,
    5.073276915733542e-16, 5.101970732341562e-16, 5.131202686306784e-16, 5.161000557743228e-16,
    5.191394311757699e-16, 5.222416338000234e-16, 5.254101724177597e-16, 5.286488569504945e-16,
    5.3196183453384e-16, 5.353536311816497e-16, 5.388292001334053e-16, 5.423939782201712e-16,
    5.46053951907478e-16, 5.498157350892814e-16, 5.536866612467876e-16, 5.576748932926576e-16,
    5.617895553555417e-16, 5.660408920082422e-16, 5.704404621291389e-16, 5.750013768919895e-16,
    5.797385945724594e-16, 5.846692893455479e-16, 5.898133176477899e-16, 5.951938149641444e-16,
    6.008379696271908e-16, 6.067780409333449e-16, 6.130527208725282e-16, 6.197089894581626e-16,
    6.268046963301284e-16, 6.344122407127506e-16, 6.426239659548055e-16, 6.515603317344994e-16,
    6.613827885097664e-16, 6.723150462505587e-16, 6.846803417564259e-16, 6.98971833638762e-16,
    7.159994934830664e-16, 7.372424301798799e-16, 7.658936370805573e-16, 8.113849337656484e-16,
  ];
  var ZIG_FI = [
    1.0, 0.9771017012676716, 0.9598790918001067, 0.9451989534422996,
    0.9320600759592305, 0.919991505039347, 0.9087264400521309, 0.8980959218983434,
    0.8879846607558334, 0.8783096558089174, 0.869008688036857, 0.8600336211963315,
    0.851346258458678, 0.8429156531122042, 0.8347162929868834, 0.8267268339462214,
    0.8189291916037024, 0.8113078743126563, 0.8038494831709643, 0.796542330422959,
    0.7893761435660246, 0.7823418326548025, 0.7754313049811872, 0.7686373157984863,
    0.7619533468367954, 0.7553735065070961, 0.7488924472191568, 0.742505296340151,
    0.7362075981268627, 0.7299952645614762, 0.7238645334686302, 0.717811932630722,
    0.7118342488782484, 0.7059285013327543, 0.7000919181365116, 0.6943219161261167,
    0.6886160830046718, 0.6829721616449949, 0.6773880362187735, 0.6718617198970821,
    0.6663913439087501, 0.6609751477766631, 0.6556114705796973, 0.6502987431108167,
    0.6450354808208223, 0.6398202774530566, 0.6346517992876236, 0.6295287799248367,
    0.6244500155470265, 0.6194143606058343, 0.6144207238889139, 0.6094680649257734,
    0.6045553906974678, 0.5996817526191253, 0.5948462437679874, 0.590047996332826,
    0.5852861792633715, 0.5805599961007909, 0.5758686829723537, 0.5712115067352532,
    0.5665877632561644, 0.5619967758145243, 0.557437893618766, 0.5529104904258323,
    0.5484139632552658, 0.5439477311900263, 0.5395112342569521, 0.5351039323804576,
    0.5307253044036621, 0.5263748471716845, 0.5220520746723218, 0.5177565172297564,
    0.513487720747327, 0.5092452459957479, 0.5050286679434681, 0.5008375751261487,
    0.4966715690524897, 0.49253026364386854, 0.48841328470545803, 0.4843202694266833,
    0.48025086590904675, 0.47620473271950586, 0.4721815384677302, 0.4681809614056936,
    0.46420268904817436, 0.46024641781284287, 0.45631185267871643, 0.4523987068618485,
    0.44850670150720306, 0.4446355653957394, 0.440785034665804, 0.43695485254798555,
    0.43314476911265226, 0.4293545410294414, 0.42558393133802197, 0.4218327092294959,
    0.4181006498378482, 0.4143875340408911, 0.41069314827018816, 0.40701728432947337,
    0.4033597392211145, 0.3997203149801972, 0.39609881851583245, 0.3924950614593156,
    0.3889088600187887, 0.3853400348400773, 0.38178841087339366, 0.3782538172456192,
    0.37473608713789114, 0.3712350576682395, 0.3677505697790326, 0.36428246812900406,
    0.36083060098964803, 0.3573948201457805, 0.3539749808000768, 0.3505709414814061,
    0.34718256395679364, 0.3438097131468507, 0.34045225704452187, 0.33711006663700605,
    0.33378301583071845, 0.3304709813791636, 0.3271738428136014, 0.3238914823763911,
    0.32062378495690536, 0.3173706380299136, 0.3141319315963372, 0.3109075581262865,
    0.30769741250429206, 0.30450139197665, 0.30131939610080305, 0.2981513266966855,
    0.2949970877999618, 0.2918565856170952, 0.2887297284821829, 0.28561642681550176,
    0.2825165930837076, 0.27943014176163794, 0.2763569892956683, 0.27329705406857707,
    0.27025025636587546, 0.26721651834356147, 0.2641957639972612, 0.2611879191327212,
    0.25819291133761924, 0.25521066995466196, 0.2522411260559422, 0.24928421241852852,
    0.24633986350126383, 0.2434080154227503, 0.2404886059405006, 0.2375815744312381,
    0.23468686187233, 0.23180441082433872, 0.22893416541468034, 0.22607607132238028,
    0.22323007576391748, 0.220396127480152, 0.21757417672433113, 0.21476417525117358,
    0.21196607630703018, 0.20917983462112508, 0.2064054063978808, 0.2036427493103349,
    0.2008918224946566, 0.19815258654577514, 0.1954250035141343, 0.19270903690358918,
    0.19000465167046499, 0.1873118142238003, 0.18463049242679927, 0.18196065559952251,
    0.17930227452284758, 0.17665532144373486, 0.17401977008183855, 0.17139559563750575,
    0.1687827748012113, 0.1661812857644819, 0.16359110823236558, 0.161012223437511,
    0.15844461415592428, 0.1558882647244792, 0.15334316106026286, 0.15080929068184568,
    0.14828664273257455, 0.14577520800599403, 0.14327497897351346, 0.1407859498144447,
    0.13830811644855073, 0.13584147657125376, 0.13338602969166916, 0.13094177717364436,
    0.12850872227999957, 0.1260868702201859, 0.12367622820159657, 0.1212768054847903,
    0.11888861344291006, 0.11651166562561087, 0.11414597782783849, 0.11179156816383809,
    0.1094484571468118, 0.1071166677746838, 0.10479622562248707, 0.10248715894193525,
    0.10018949876881002, 0.09790327903886246, 0.095628536713009, 0.09336531191269101,
    0.09111364806637376, 0.08887359206827589, 0.08664519445055807, 0.08442850957035347,
    0.0822235958132029, 0.08003051581466307, 0.07784933670209612, 0.07568013035892718,
    0.07352297371398132, 0.0713779490588904, 0.06924514439700676, 0.0671246538277885,
    0.0650165779712429, 0.06292102443775814, 0.06083810834953988, 0.05876795292093374,
    0.0567106901062029, 0.05466646132488892, 0.05263541827679219, 0.05061772386094778,
    0.04861355321586854, 0.04662309490193038, 0.044646552251294463, 0.04268414491647446,
    0.04073611065594094, 0.03880270740452615, 0.036884215688567305, 0.034980941461716125,
    0.03309321945857858, 0.0312214171919203, 0.02936593975813336, 0.027527235669603113,
    0.02570580400854891, 0.02390220330579588, 0.02211706270730885, 0.02035109623004451,
    0.018605121275724622, 0.016880083152543142, 0.01517708830793531, 0.013497450601739867,
    0.011842757857907879, 0.010214971439701459, 0.008616582769398726, 0.007050875471373222,
    0.0055224032992509916, 0.0040379725933630236, 0.0026090727461021593, 0.001260285930498598,
  ];
  /* ziggurat tables: end */

  /* rng.standard_normal(): numpy's ziggurat (99.3 % of draws take the first return). */
  Generator.prototype.standardNormal = function () {
    for (;;) {
      var r = this.next64();
      var idx = Number(r & 0xffn);
      r >>= 8n;
      var sign = Number(r & 1n), rabs = Number((r >> 1n) & 0xfffffffffffffn);
      var x = rabs * ZIG_WI[idx];
      if (sign) x = -x;
      if (rabs < ZIG_KI[idx]) return x;
      if (idx === 0) {
        for (;;) {
          var xx = -ZIG_INV_R * Math.log1p(-this.random());
          var yy = -Math.log1p(-this.random());
          if (yy + yy > xx * xx) return Math.floor(rabs / 256) % 2 ? -(ZIG_R + xx) : ZIG_R + xx;
        }
      }
      if ((ZIG_FI[idx - 1] - ZIG_FI[idx]) * this.random() + ZIG_FI[idx] < Math.exp(-0.5 * x * x)) return x;
    }
  };
  /* rng.normal(loc, scale, size=n). */
  Generator.prototype.normal = function (loc, scale, n) {
    var out = new Float64Array(n);
    for (var i = 0; i < n; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  };
  /* An int in [0, max]: numpy's random_interval (a mask, then rejection). */
  Generator.prototype.interval = function (max) {
    if (max === 0) return 0;
    var mask = max;
    mask |= mask >>> 1; mask |= mask >>> 2; mask |= mask >>> 4; mask |= mask >>> 8; mask |= mask >>> 16;
    mask >>>= 0;
    for (;;) {
      var v = (this.next32() & mask) >>> 0;
      if (v <= max) return v;
    }
  };
  /* rng.permutation(n): Fisher-Yates from the end, as numpy's shuffle (n < 2**32). */
  Generator.prototype.permutation = function (n) {
    var a = new Int32Array(n);
    for (var i = 0; i < n; i++) a[i] = i;
    for (i = n - 1; i > 0; i--) {
      var j = this.interval(i), t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  };

  /* ---------------------------------------------------------------- the data sets */

  /* np.linspace(start, stop, n). */
  function linspace(start, stop, n) {
    var out = new Float64Array(n), step = (stop - start) / (n - 1);
    for (var i = 0; i < n; i++) out[i] = i * step + start;
    if (n > 1) out[n - 1] = stop;
    else out[0] = start;
    return out;
  }

  /* Class sizes differing by at most one, the larger first (datasets._class_sizes). */
  function classSizes(n, k) {
    var out = [];
    for (var i = 0; i < k; i++) out.push(Math.floor(n / k) + (i < n % k ? 1 : 0));
    return out;
  }

  /* datasets._uniform_annulus: n points uniform in area with rMin <= |x| <= rMax. */
  function annulus(rng, n, rMin, rMax, X, at) {
    var r = rng.uniform(rMin * rMin, rMax * rMax, n), theta = rng.uniform(0, 2 * Math.PI, n);
    for (var i = 0; i < n; i++) {
      var ri = Math.sqrt(r[i]);
      X[2 * (at + i)] = ri * Math.cos(theta[i]);
      X[2 * (at + i) + 1] = ri * Math.sin(theta[i]);
    }
  }

  var DATASETS = {
    moons: {
      python: "make_moons",
      draw: function (X, y, n) {
        var sizes = classSizes(n, 2), tu = linspace(0, Math.PI, sizes[0]), tl = linspace(0, Math.PI, sizes[1]);
        for (var i = 0; i < sizes[0]; i++) { X[2 * i] = Math.cos(tu[i]); X[2 * i + 1] = Math.sin(tu[i]); }
        for (i = 0; i < sizes[1]; i++) {
          var k = sizes[0] + i;
          X[2 * k] = 1.0 - Math.cos(tl[i]);
          X[2 * k + 1] = 0.5 - Math.sin(tl[i]);
          y[k] = 1;
        }
      },
    },
    xor: {
      python: "make_xor",
      draw: function (X, y, n) {
        var c = [[1, 1], [-1, -1], [-1, 1], [1, -1]], labels = [0, 0, 1, 1];
        var halves = classSizes(n, 2), counts = classSizes(halves[0], 2).concat(classSizes(halves[1], 2));
        for (var q = 0, k = 0; q < 4; q++) {
          for (var i = 0; i < counts[q]; i++, k++) { X[2 * k] = c[q][0]; X[2 * k + 1] = c[q][1]; y[k] = labels[q]; }
        }
      },
    },
    spiral: {
      python: "make_spirals",
      draw: function (X, y, n) {
        var sizes = classSizes(n, 2);
        for (var arm = 0, k = 0; arm < 2; arm++) {
          var s = linspace(0, 1, sizes[arm]);
          for (var i = 0; i < sizes[arm]; i++, k++) {
            var theta = 2.0 * Math.PI * (1.5 * s[i] + arm / 2), r = 0.1 + 0.9 * s[i];
            X[2 * k] = r * Math.cos(theta);
            X[2 * k + 1] = r * Math.sin(theta);
            y[k] = arm;
          }
        }
      },
    },
    disc: {
      python: "make_disc_in_ring",
      draw: function (X, y, n, rng) {
        var sizes = classSizes(n, 2);
        annulus(rng, sizes[0], 1.5, 2.0, X, 0);
        annulus(rng, sizes[1], 0.0, 1.0, X, sizes[0]);
        for (var i = sizes[0]; i < n; i++) y[i] = 1;
      },
    },
  };

  /* One of nnexplain.datasets' sets, as make_<name>(n, noise=noise, seed=seed) draws it:
   * {X: Float64Array of 2 n coordinates (x0, y0, x1, ...), y: Uint8Array of n labels}. */
  function makeData(name, n, noise, seed) {
    var maker = DATASETS[name];
    if (!maker) throw new Error("unknown data set " + JSON.stringify(name));
    var rng = new Generator(seed), X = new Float64Array(2 * n), y = new Uint8Array(n);
    maker.draw(X, y, n, rng);
    if (noise > 0) {  // datasets._finish: jitter, then shuffle the rows
      var jitter = rng.normal(0, noise, 2 * n);
      for (var i = 0; i < 2 * n; i++) X[i] = X[i] + jitter[i];
    }
    var order = rng.permutation(n), Xs = new Float64Array(2 * n), ys = new Uint8Array(n);
    for (i = 0; i < n; i++) {
      Xs[2 * i] = X[2 * order[i]];
      Xs[2 * i + 1] = X[2 * order[i] + 1];
      ys[i] = y[order[i]];
    }
    return { X: Xs, y: ys };
  }

  /* ---------------------------------------------------------------- the network */

  var ACTIVATIONS = {
    tanh: {
      forward: function (z) { return Math.tanh(z); },
      backward: function (dy, y) { return (1.0 - y * y) * dy; },
    },
    relu: {
      forward: function (z) { return z > 0 ? z : 0; },
      backward: function (dy, y) { return y > 0 ? dy : 0 * dy; },
    },
    sigmoid: {
      forward: sigmoid,
      backward: function (dy, y) { return (1.0 - y) * y * dy; },
    },
    identity: {
      forward: function (z) { return z; },
      backward: function (dy) { return dy; },
    },
  };

  /* nnexplain's sigmoid: exp(-|z|) never overflows. */
  function sigmoid(z) {
    var e = Math.exp(-Math.abs(z)), t = 1.0 + e;
    return z >= 0 ? 1.0 / t : e / t;
  }

  /* log sigmoid(z) = -softplus(-z) (losses._log_sigmoid). */
  function logSigmoid(z) {
    return -(Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z))));
  }

  /* The initialisers of the playground, by nnexplain name: draw(rng, nIn, nOut). */
  var INITIALISERS = {
    glorot_uniform: function (rng, nIn, nOut) {
      var limit = Math.sqrt(3.0) * Math.sqrt(2.0 / (nIn + nOut));
      return rng.uniform(-limit, limit, nIn * nOut);
    },
    he_normal: function (rng, nIn, nOut) { return rng.normal(0.0, Math.sqrt(2.0 / nIn), nIn * nOut); },
  };
  function initialiser(init) {
    if (INITIALISERS[init]) return INITIALISERS[init];
    var m = /^normal:(.+)$/.exec(init);  // Normal(std=s)
    if (m) {
      var std = Number(m[1]);
      return function (rng, nIn, nOut) { return rng.normal(0.0, std, nIn * nOut); };
    }
    throw new Error("unknown initialiser " + JSON.stringify(init));
  }

  /* The flat parameter array of MLP(sizes, init=init, seed=seed): each layer's [W; b]
   * (W row-major (n_in, n_out), biases zero) drawn from one generator, layer after layer. */
  function initialParameters(sizes, init, seed) {
    var rng = new Generator(seed), draw = initialiser(init), n = 0, l;
    for (l = 0; l + 1 < sizes.length; l++) n += (sizes[l] + 1) * sizes[l + 1];
    var params = new Float64Array(n), at = 0;
    for (l = 0; l + 1 < sizes.length; l++) {
      params.set(draw(rng, sizes[l], sizes[l + 1]), at);
      at += (sizes[l] + 1) * sizes[l + 1];
    }
    return params;
  }

  /* A network of `sizes` and `activations` (one per layer, the output's last) reading its
   * parameters from the flat array `params`; buffers for `rows` rows at a time. */
  function Network(sizes, activations, params) {
    this.sizes = sizes.slice();
    this.names = activations.slice();
    this.f = activations.map(function (a) {
      if (!ACTIVATIONS[a]) throw new Error("unknown activation " + JSON.stringify(a));
      return ACTIVATIONS[a];
    });
    this.params = params;
    this.offsets = [];
    for (var l = 0, at = 0; l + 1 < sizes.length; l++) {
      this.offsets.push(at);
      at += (sizes[l] + 1) * sizes[l + 1];
    }
    if (at !== params.length) throw new Error("the parameters do not fit the sizes");
    this.rows = 0;
  }
  Network.prototype.buffers = function (rows) {
    if (rows <= this.rows) return;
    this.rows = rows;
    this.z = []; this.a = []; this.d = [];
    for (var l = 1; l < this.sizes.length; l++) {
      this.z.push(new Float64Array(rows * this.sizes[l]));
      this.a.push(new Float64Array(rows * this.sizes[l]));
      this.d.push(new Float64Array(rows * this.sizes[l]));
    }
  };
  /* Forward pass on `rows` rows of X (row-major, n_in columns): every layer's z and a = f(z) in
   * this.z[l] and this.a[l] (z = h W + b, the sum in the order of [h, 1] [W; b]). */
  Network.prototype.forward = function (X, rows) {
    this.buffers(rows);
    var p = this.params, h = X;
    for (var l = 0; l + 1 < this.sizes.length; l++) {
      var nIn = this.sizes[l], nOut = this.sizes[l + 1], off = this.offsets[l], boff = off + nIn * nOut;
      var z = this.z[l], a = this.a[l], f = this.f[l].forward;
      for (var r = 0; r < rows; r++) {
        for (var j = 0; j < nOut; j++) {
          var acc = 0;
          for (var k = 0; k < nIn; k++) acc += h[r * nIn + k] * p[off + k * nOut + j];
          acc += p[boff + j];
          z[r * nOut + j] = acc;
          a[r * nOut + j] = f(acc);
        }
      }
      h = a;
    }
    return h;
  };
  /* Backpropagation of binary cross-entropy from the logits on the rows just run forward:
   * writes dL/dparams into `grad` (losses.BinaryCrossEntropy.delta and _backprop.gradient_into). */
  Network.prototype.backward = function (X, targets, rows, grad) {
    var L = this.sizes.length - 1, p = this.params;
    var delta = this.d[L - 1], out = this.a[L - 1], nOutL = this.sizes[L], scale = 1.0 / (rows * nOutL);
    for (var i = 0; i < rows * nOutL; i++) delta[i] = (out[i] - targets[i]) * scale;
    for (var l = L - 1; l >= 0; l--) {
      var nIn = this.sizes[l], nOut = this.sizes[l + 1], off = this.offsets[l], boff = off + nIn * nOut;
      var h = l > 0 ? this.a[l - 1] : X;
      var r, j, k, acc;
      for (k = 0; k < nIn; k++) {  // dW = h.T delta
        for (j = 0; j < nOut; j++) {
          acc = 0;
          for (r = 0; r < rows; r++) acc += h[r * nIn + k] * delta[r * nOut + j];
          grad[off + k * nOut + j] = acc;
        }
      }
      for (j = 0; j < nOut; j++) {  // db = the column of ones times delta
        acc = 0;
        for (r = 0; r < rows; r++) acc += delta[r * nOut + j];
        grad[boff + j] = acc;
      }
      if (l === 0) break;
      var prev = this.d[l - 1], ap = this.a[l - 1], back = this.f[l - 1].backward;
      for (r = 0; r < rows; r++) {  // dh = delta W.T, then through the activation
        for (k = 0; k < nIn; k++) {
          acc = 0;
          for (j = 0; j < nOut; j++) acc += delta[r * nOut + j] * p[off + k * nOut + j];
          prev[r * nIn + k] = back(acc, ap[r * nIn + k]);
        }
      }
      delta = prev;
    }
  };
  /* Mean binary cross-entropy and accuracy on n rows (MLP.evaluate with a sigmoid output). */
  Network.prototype.evaluate = function (X, y, n) {
    if (n === 0) return { loss: NaN, accuracy: NaN };
    var L = this.sizes.length - 2, total = 0, right = 0;
    this.forward(X, n);
    var z = this.z[L], a = this.a[L];
    for (var i = 0; i < n; i++) {
      total += y[i] * logSigmoid(z[i]) + (1 - y[i]) * logSigmoid(-z[i]);
      if ((a[i] >= 0.5 ? 1 : 0) === y[i]) right++;
    }
    return { loss: -(total / n), accuracy: right / n };
  };

  /* nnexplain.optimizers: SGD (theta -= lr g) and Adam (PyTorch's form, bias-corrected). */
  function Optimizer(name, lr, n) {
    if (name !== "sgd" && name !== "adam") throw new Error("unknown optimiser " + JSON.stringify(name));
    this.name = name; this.lr = lr; this.t = 0;
    this.beta1 = 0.9; this.beta2 = 0.999; this.eps = 1e-8;
    if (name === "adam") { this.m = new Float64Array(n); this.v = new Float64Array(n); }
  }
  Optimizer.prototype.step = function (params, grad) {
    var n = params.length, i;
    this.t += 1;
    if (this.name === "sgd") {
      for (i = 0; i < n; i++) params[i] -= this.lr * grad[i];
      return;
    }
    var b1 = this.beta1, b2 = this.beta2, m = this.m, v = this.v;
    var c2 = 1.0 / Math.sqrt(1.0 - Math.pow(b2, this.t)), c1 = this.lr / (1.0 - Math.pow(b1, this.t));
    for (i = 0; i < n; i++) {
      var g = grad[i];
      m[i] = m[i] * b1 + g * (1.0 - b1);
      v[i] = v[i] * b2 + g * g * (1.0 - b2);
      params[i] -= (m[i] / (Math.sqrt(v[i]) * c2 + this.eps)) * c1;
    }
  };

  /* Python's round(): halves to even (int(round(0.5)) is 0). */
  function roundHalfEven(x) {
    var f = Math.floor(x), d = x - f;
    if (d > 0.5) return f + 1;
    if (d < 0.5) return f;
    return f % 2 === 0 ? f : f + 1;
  }

  /* MLP.fit, one optimiser step at a time. `o`: sizes, activations (one per layer), params
   * (initial, copied) or init + seed, optimizer, lr, batchSize, split (validation_split),
   * seed (fit's), X (2 n coordinates) and y (n labels); `o.orders` (a function of the epoch,
   * 1-based) replaces the shuffle when the test gives the batch order. */
  function Trainer(o) {
    var n = o.y.length, nIn = o.sizes[0];
    this.sizes = o.sizes.slice();
    this.params = o.params ? Float64Array.from(o.params) : initialParameters(o.sizes, o.init, o.seed);
    this.net = new Network(o.sizes, o.activations, this.params);
    this.probe = new Network(o.sizes, o.activations, this.params);  // views, apart from training
    this.opt = new Optimizer(o.optimizer, o.lr, this.params.length);
    this.grad = new Float64Array(this.params.length);
    this.rng = new Generator(o.seed);
    this.orders = o.orders || null;
    var nTest = o.split > 0 ? roundHalfEven(o.split * n) : 0;
    if (o.split > 0 && (nTest < 1 || nTest >= n)) {
      throw new Error("a test share of " + o.split + " of " + n + " points leaves " + nTest +
        " for the test; both sets need a point");
    }
    var order = nTest ? this.rng.permutation(n) : null;
    this.test = pick(o.X, o.y, nIn, order ? order.subarray(0, nTest) : new Int32Array(0));
    this.train = pick(o.X, o.y, nIn, order ? order.subarray(nTest) : range(n));
    this.nTest = nTest;
    this.batch = Math.min(o.batchSize, this.train.n);
    this.Xb = new Float64Array(this.batch * nIn);
    this.tb = new Float64Array(this.batch);
    this.steps = 0; this.epoch = 0; this.perm = null; this.at = 0;
    this.diverged = false;
  }
  function range(n) { var a = new Int32Array(n); for (var i = 0; i < n; i++) a[i] = i; return a; }
  function pick(X, y, nIn, rows) {
    var Xs = new Float64Array(rows.length * nIn), ys = new Float64Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      for (var k = 0; k < nIn; k++) Xs[i * nIn + k] = X[rows[i] * nIn + k];
      ys[i] = y[rows[i]];
    }
    return { X: Xs, y: ys, n: rows.length, rows: rows };
  }
  /* One optimiser step on the next minibatch (a new shuffle at each epoch's start); false once
   * the gradient is no longer finite (Python raises DivergenceError there). */
  Trainer.prototype.step = function () {
    if (this.diverged) return false;
    var nIn = this.sizes[0], tr = this.train;
    if (!this.perm || this.at >= tr.n) {
      this.epoch += 1;
      this.perm = this.orders ? this.orders(this.epoch) : this.rng.permutation(tr.n);
      this.at = 0;
    }
    var rows = Math.min(this.batch, tr.n - this.at);
    for (var i = 0; i < rows; i++) {
      var src = this.perm[this.at + i];
      for (var k = 0; k < nIn; k++) this.Xb[i * nIn + k] = tr.X[src * nIn + k];
      this.tb[i] = tr.y[src];
    }
    this.at += rows;
    this.net.forward(this.Xb, rows);
    this.net.backward(this.Xb, this.tb, rows, this.grad);
    this.steps += 1;
    var g2 = 0;
    for (i = 0; i < this.grad.length; i++) g2 += this.grad[i] * this.grad[i];
    if (!isFinite(g2)) { this.diverged = true; return false; }
    this.opt.step(this.params, this.grad);
    return true;
  };
  Trainer.prototype.run = function (k) {
    for (var i = 0; i < k; i++) if (!this.step()) return false;
    return true;
  };
  /* Loss and accuracy on the training and the test set. */
  Trainer.prototype.evaluate = function () {
    var tr = this.probe.evaluate(this.train.X, this.train.y, this.train.n);
    var te = this.probe.evaluate(this.test.X, this.test.y, this.test.n);
    return { loss: tr.loss, accuracy: tr.accuracy, testLoss: te.loss, testAccuracy: te.accuracy };
  };
  /* Batches taken in the epoch under way (0 at an epoch's end). */
  Trainer.prototype.batchesIntoEpoch = function () {
    return this.perm && this.at < this.train.n ? Math.ceil(this.at / this.batch) : 0;
  };


  /* ---------------------------------------------------------------- a run, and its link */

  var INITS = { xavier: "glorot_uniform", he: "he_normal", "std1": "normal:1", "std0.1": "normal:0.1", "std0.01": "normal:0.01" };
  var DEFAULTS = {
    data: "moons", n: 200, noise: 0.1, layers: [4, 4], act: ["tanh", "tanh"], init: "xavier",
    opt: "adam", lr: 0.03, batch: 16, seed: 0, split: 0.2, points: [], t: 0,
  };
  /* Every limit a link is held to. */
  var LIMITS = {
    link: 12000, points: 300, coordinate: 4, layers: 8, width: 8, n: [20, 2000], noise: [0, 1],
    lr: [1e-5, 10], batch: [1, 2000], seed: [0, 4294967295], split: [0.05, 0.5], t: [0, 200000],
  };

  function copyState(s) {
    var c = {};
    for (var k in DEFAULTS) c[k] = Array.isArray(s[k]) ? s[k].map(function (v) { return Array.isArray(v) ? v.slice() : v; }) : s[k];
    return c;
  }
  function defaultState() { return copyState(DEFAULTS); }

  var NUMBER = /^[-+]?(\d{1,20}(\.\d{0,20})?|\.\d{1,20})([eE][-+]?\d{1,3})?$/;
  /* A finite number from text, or NaN (no hex, no Infinity, nothing longer than a number). */
  function number(text) { return NUMBER.test(text) ? Number(text) : NaN; }
  function quote(text) {
    var t = JSON.stringify(String(text));
    return t.length > 26 ? t.slice(0, 24) + "\u2026\"" : t;
  }

  /* The run a link describes: {state, ignored}. `text` is the part after "#" (or "?"), in the
   * form formatState writes; anything malformed, unknown or out of range is left at its default
   * and listed in `ignored` (short reasons, for a one-line notice; never markup). */
  function parseState(text) {
    var state = defaultState(), ignored = [];
    text = String(text == null ? "" : text).replace(/^[#?]/, "");
    if (!text) return { state: state, ignored: ignored };
    if (text.length > LIMITS.link) {
      return { state: state, ignored: ["the whole link (" + text.length + " characters, more than " + LIMITS.link + ")"] };
    }
    var fields = {}, seen = 0;
    text.split("&").forEach(function (part) {
      if (!part || seen > 40) return;
      seen++;
      var eq = part.indexOf("="), key = eq < 0 ? part : part.slice(0, eq), value = eq < 0 ? "" : part.slice(eq + 1);
      try { key = decodeURIComponent(key); value = decodeURIComponent(value.replace(/\+/g, " ")); }
      catch (e) { ignored.push("a field that is not valid URL text"); return; }
      if (Object.prototype.hasOwnProperty.call(fields, key)) { ignored.push(quote(key) + " (given twice)"); return; }
      fields[key] = value;
    });
    function bad(key, why) { ignored.push(key + " (" + why + ")"); }
    function choice(key, target, options) {
      if (!(key in fields)) return;
      if (Object.prototype.hasOwnProperty.call(options, fields[key])) state[target] = fields[key];
      else bad(key, quote(fields[key]) + " is not one of " + Object.keys(options).join(", "));
    }
    function real(key, target, lo, hi, integer, zero) {
      if (!(key in fields)) return;
      var v = number(fields[key]);
      if (!isFinite(v)) return bad(key, quote(fields[key]) + " is not a number");
      if (integer && Math.floor(v) !== v) return bad(key, quote(fields[key]) + " is not a whole number");
      if (zero && v === 0) { state[target] = 0; return; }
      if (v < lo || v > hi) return bad(key, quote(fields[key]) + " is outside " + lo + " to " + hi);
      state[target] = v;
    }
    for (var key in fields) {
      if (["d", "n", "noise", "h", "a", "init", "opt", "lr", "b", "seed", "split", "t", "p"].indexOf(key) < 0) {
        bad(quote(key), "not a setting");
      }
    }
    choice("d", "data", DATASETS);
    real("n", "n", LIMITS.n[0], LIMITS.n[1], true);
    real("noise", "noise", LIMITS.noise[0], LIMITS.noise[1]);
    if ("h" in fields) {
      var widths = fields.h === "" ? [] : fields.h.split(",");
      if (widths.length > LIMITS.layers) bad("h", widths.length + " layers, more than " + LIMITS.layers);
      else if (widths.some(function (w) { var v = number(w); return !(v >= 1 && v <= LIMITS.width && Math.floor(v) === v); })) {
        bad("h", quote(fields.h) + " is not a list of widths 1 to " + LIMITS.width);
      } else state.layers = widths.map(Number);
    }
    var nLayers = state.layers.length;
    state.act = state.layers.map(function () { return "tanh"; });
    if ("a" in fields) {
      var acts = fields.a === "" ? [] : fields.a.split(",");
      var wrong = acts.filter(function (a) { return !Object.prototype.hasOwnProperty.call(ACTIVATIONS, a); });
      if (wrong.length) bad("a", quote(wrong[0]) + " is not an activation (tanh, relu, sigmoid, identity)");
      else if (acts.length !== nLayers) bad("a", acts.length + " activations for " + nLayers + " hidden layers");
      else state.act = acts;
    } else if (nLayers === DEFAULTS.layers.length) state.act = DEFAULTS.act.slice();
    choice("init", "init", INITS);
    choice("opt", "opt", { adam: 1, sgd: 1 });
    real("lr", "lr", LIMITS.lr[0], LIMITS.lr[1]);
    real("b", "batch", LIMITS.batch[0], LIMITS.batch[1], true);
    real("seed", "seed", LIMITS.seed[0], LIMITS.seed[1], true);
    real("split", "split", LIMITS.split[0], LIMITS.split[1], false, true);
    real("t", "t", LIMITS.t[0], LIMITS.t[1], true);
    if ("p" in fields && fields.p !== "") {
      var items = fields.p.split(";");
      if (items.length > LIMITS.points) bad("p", items.length + " points, more than " + LIMITS.points);
      else {
        var points = [], dropped = 0, c = LIMITS.coordinate;
        items.forEach(function (item) {
          var xyc = item.split(","), x = number(xyc[0]), y = number(xyc[1]);
          if (xyc.length === 3 && Math.abs(x) <= c && Math.abs(y) <= c && (xyc[2] === "0" || xyc[2] === "1")) {
            points.push([roundTo(x, 3), roundTo(y, 3), Number(xyc[2])]);
          } else dropped++;
        });
        if (dropped) bad("p", dropped + " of " + items.length + " points not of the form x,y,class with |x|, |y| <= " + c);
        state.points = points;
      }
    }
    return { state: state, ignored: ignored };
  }

  function roundTo(x, digits) {
    var f = Math.pow(10, digits), v = Math.round(x * f) / f;
    return v === 0 ? 0 : v;
  }

  /* The link text of a run (what parseState reads back). */
  function formatState(s) {
    var parts = [
      "d=" + s.data, "n=" + s.n, "noise=" + s.noise, "h=" + s.layers.join(","), "a=" + s.act.join(","),
      "init=" + s.init, "opt=" + s.opt, "lr=" + s.lr, "b=" + s.batch, "seed=" + s.seed, "split=" + s.split,
    ];
    if (s.points.length) parts.push("p=" + s.points.map(function (p) { return p.join(","); }).join(";"));
    if (s.t) parts.push("t=" + s.t);
    return parts.join("&");
  }

  /* What a run trains on and with: {X, y, nBase, options} for new Trainer(options). */
  function buildRun(s) {
    var base = makeData(s.data, s.n, s.noise, s.seed), n = s.n + s.points.length;
    var X = new Float64Array(2 * n), y = new Uint8Array(n);
    X.set(base.X); y.set(base.y);
    s.points.forEach(function (p, i) { X[2 * (s.n + i)] = p[0]; X[2 * (s.n + i) + 1] = p[1]; y[s.n + i] = p[2]; });
    return {
      X: X, y: y, nBase: s.n,
      options: {
        sizes: [2].concat(s.layers, [1]), activations: s.act.concat(["sigmoid"]), init: INITS[s.init],
        seed: s.seed, optimizer: s.opt, lr: s.lr, batchSize: s.batch, split: s.split, X: X, y: y,
      },
    };
  }

  /* ---------------------------------------------------------------- the run as Python */

  function pyList(values) { return "[" + values.join(", ") + "]"; }
  function pyInit(init) {
    var name = INITS[init];
    return name.indexOf("normal:") === 0 ? "Normal(std=" + name.slice(7) + ")" : JSON.stringify(name);
  }

  /* A Python script that trains the run with nnexplain, `steps` optimiser steps, and prints its
   * training loss; `loss` is what the page got (written into the docstring). Only checked
   * settings and numbers go into it. */
  function pythonScript(s, steps, loss) {
    var run = buildRun(s), n = run.y.length, L = [];
    var nTest = s.split > 0 ? roundHalfEven(s.split * n) : 0, nTrain = n - nTest;
    var batch = Math.min(s.batch, nTrain), perEpoch = Math.ceil(nTrain / batch);
    var epochs = Math.floor(steps / perEpoch), rest = steps - epochs * perEpoch;
    var Opt = s.opt === "adam" ? "Adam" : "SGD", sizes = [2].concat(s.layers, [1]);
    L.push('"""A run of the nnexplain playground: a ' + sizes.join("-") + " network, " + Opt +
      " with lr=" + s.lr + ", " + steps + " steps.", "",
      "It trains the network the page trained, on the same points in the same order, with nnexplain,",
      "and prints the final training loss; the page's was " + (isFinite(loss) ? String(loss) : "not computed") + ".",
      '"""', "", "import numpy as np", "");
    if (INITS[s.init].indexOf("normal:") === 0) L.push("from nnexplain.initializers import Normal");
    L.push("from nnexplain.network import MLP", "from nnexplain.optimizers import " + Opt, "");
    var what = "nnexplain.datasets." + DATASETS[s.data].python + "(" + s.n + ", noise=" + s.noise + ", seed=" + s.seed + ")";
    L.push("# " + s.n + " points of " + what + (s.points.length ? ", then " + s.points.length + " added by clicking" : ""));
    L.push("X = np.array([");
    for (var i = 0; i < n; i++) L.push("    [" + run.X[2 * i] + ", " + run.X[2 * i + 1] + "],");
    L.push("])");
    var labels = Array.from(run.y), rows = [];
    for (i = 0; i < n; i += 30) rows.push("    " + labels.slice(i, i + 30).join(", ") + ",");
    L.push("y = np.array([", rows.join("\n"), "])", "");
    L.push("seed = " + s.seed);
    L.push("net = MLP(", "    " + pyList(sizes) + ",", "    activation=" + pyList(s.act.map(function (a) { return JSON.stringify(a); })) + ",",
      '    output="sigmoid",', "    init=" + pyInit(s.init) + ",", "    seed=seed,", ")");
    L.push("opt = " + Opt + "(lr=" + s.lr + ")  # one optimiser for every fit call: its state carries over");
    L.push("rng = np.random.default_rng(seed)  # fit's generator: the test split, then a shuffle per epoch");
    var fitArgs = "batch_size=" + batch + ", optimizer=opt, seed=rng";
    if (nTest) {
      L.push("order = rng.permutation(len(X))  # as fit(validation_split=" + s.split + ") draws it");
      L.push("test, train = order[:" + nTest + "], order[" + nTest + ":]");
      fitArgs += ", validation_data=(X[test], y[test])";
    } else L.push("train = np.arange(len(X))");
    if (epochs > 0) L.push("net.fit(X[train], y[train], epochs=" + epochs + ", " + fitArgs + ")");
    if (rest > 0) {
      L.push("# steps " + (epochs * perEpoch + 1) + "-" + steps + ": the first " + rest + " batches of the next epoch, in fit's order");
      L.push("rows = train[rng.permutation(len(train))[: " + rest + " * " + batch + "]]");
      L.push("net.fit(X[rows], y[rows], epochs=1, batch_size=" + batch + ", optimizer=opt, shuffle=False)");
    }
    L.push('print(f"{opt.t} steps, training loss {net.loss(X[train], y[train]):.17g}")', "");
    return L.join("\n");
  }

  return {
    ACTIVATIONS: ACTIVATIONS,
    DATASETS: DATASETS,
    Generator: Generator,
    Network: Network,
    Optimizer: Optimizer,
    Trainer: Trainer,
    DEFAULTS: DEFAULTS,
    INITS: INITS,
    LIMITS: LIMITS,
    buildRun: buildRun,
    defaultState: defaultState,
    formatState: formatState,
    parseState: parseState,
    pythonScript: pythonScript,
    initialParameters: initialParameters,
    makeData: makeData,
    roundHalfEven: roundHalfEven,
    seedSequence: seedSequence,
    sigmoid: sigmoid,
  };
});
