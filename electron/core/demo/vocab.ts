/** Vocabulary for realistic demo data (common surnames, given names, real cities and districts). */

export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 52], ['陈', 45], ['杨', 31], ['黄', 23], ['赵', 20], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 13], ['朱', 13], ['胡', 12], ['郭', 11], ['何', 10], ['林', 10], ['高', 10], ['罗', 10],
  ['郑', 9], ['梁', 9], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 5], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['欧阳', 1], ['司马', 0.3], ['上官', 0.3],
];

export const GIVEN_MALE: readonly string[] = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩',
  '建国', '建华', '志强', '志明', '海涛', '俊杰', '晓东', '文博', '子轩', '浩然', '宇航', '国栋', '永强', '德华', '振宇', '家豪',
];
export const GIVEN_FEMALE: readonly string[] = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '颖', '倩', '洁', '慧', '莉', '丹', '萍',
  '秀英', '桂英', '丽娟', '晓燕', '雅琪', '思琪', '欣怡', '梦瑶', '海燕', '春梅', '玉兰', '红梅', '佳怡', '子涵', '诗涵', '婉婷',
];

export interface District { name: string; code: string }
export interface City { province: string; city: string; areaCode: string; districts: readonly District[] }

export const CITIES: readonly City[] = [
  { province: '北京市', city: '北京市', areaCode: '010', districts: [{ name: '朝阳区', code: '110105' }, { name: '海淀区', code: '110108' }, { name: '丰台区', code: '110106' }, { name: '西城区', code: '110102' }] },
  { province: '上海市', city: '上海市', areaCode: '021', districts: [{ name: '浦东新区', code: '310115' }, { name: '徐汇区', code: '310104' }, { name: '闵行区', code: '310112' }, { name: '静安区', code: '310106' }] },
  { province: '广东省', city: '广州市', areaCode: '020', districts: [{ name: '天河区', code: '440106' }, { name: '越秀区', code: '440104' }, { name: '白云区', code: '440111' }, { name: '番禺区', code: '440113' }] },
  { province: '广东省', city: '深圳市', areaCode: '0755', districts: [{ name: '南山区', code: '440305' }, { name: '福田区', code: '440304' }, { name: '宝安区', code: '440306' }, { name: '龙岗区', code: '440307' }] },
  { province: '浙江省', city: '杭州市', areaCode: '0571', districts: [{ name: '西湖区', code: '330106' }, { name: '拱墅区', code: '330105' }, { name: '萧山区', code: '330109' }] },
  { province: '四川省', city: '成都市', areaCode: '028', districts: [{ name: '武侯区', code: '510107' }, { name: '锦江区', code: '510104' }, { name: '成华区', code: '510108' }] },
  { province: '湖北省', city: '武汉市', areaCode: '027', districts: [{ name: '洪山区', code: '420111' }, { name: '江汉区', code: '420103' }, { name: '武昌区', code: '420106' }] },
  { province: '江苏省', city: '南京市', areaCode: '025', districts: [{ name: '鼓楼区', code: '320106' }, { name: '玄武区', code: '320102' }, { name: '江宁区', code: '320115' }] },
  { province: '陕西省', city: '西安市', areaCode: '029', districts: [{ name: '雁塔区', code: '610113' }, { name: '碑林区', code: '610103' }, { name: '未央区', code: '610112' }] },
  { province: '重庆市', city: '重庆市', areaCode: '023', districts: [{ name: '渝北区', code: '500112' }, { name: '江北区', code: '500105' }, { name: '九龙坡区', code: '500107' }] },
  { province: '湖南省', city: '长沙市', areaCode: '0731', districts: [{ name: '岳麓区', code: '430104' }, { name: '雨花区', code: '430111' }] },
  { province: '河南省', city: '郑州市', areaCode: '0371', districts: [{ name: '金水区', code: '410105' }, { name: '二七区', code: '410103' }] },
  { province: '天津市', city: '天津市', areaCode: '022', districts: [{ name: '南开区', code: '120104' }, { name: '河西区', code: '120103' }] },
  { province: '江苏省', city: '苏州市', areaCode: '0512', districts: [{ name: '姑苏区', code: '320508' }, { name: '吴中区', code: '320506' }] },
  { province: '山东省', city: '济南市', areaCode: '0531', districts: [{ name: '历下区', code: '370102' }, { name: '市中区', code: '370103' }] },
];

export const ROADS: readonly string[] = [
  '建设路', '人民路', '解放路', '中山路', '和平路', '新华路', '长江路', '黄河路', '文化路', '青年路',
  '幸福路', '光明路', '东风路', '胜利路', '朝阳路', '科技路', '学府路', '滨江路', '湖滨路', '花园路',
];
export const COMPOUNDS: readonly string[] = ['阳光花园', '锦绣家园', '翠苑小区', '金色港湾', '绿地名邸', '万科城', '碧桂园', '保利花园', '世纪新城', '融创府'];

export const EMPLOYERS: readonly string[] = [
  '{city}华信科技有限公司', '{city}顺达物流有限公司', '{city}恒通建筑工程有限公司', '{city}万家超市连锁有限公司',
  '{city}第一人民医院', '{city}明德实验学校', '{city}美味餐饮管理有限公司', '{city}鑫源汽车销售服务有限公司',
  '{city}安居房地产经纪有限公司', '{city}东方电子厂', '{city}蓝天保安服务有限公司', '{city}家政服务中心',
  '个体经营（{city}服装店）', '自由职业', '{city}快递分拨中心', '{city}纺织有限公司',
];

export const CREDITORS: readonly { name: string; products: readonly ('credit_card' | 'personal_loan' | 'consumer_loan' | 'cash_loan')[]; bin: string }[] = [
  { name: '招商银行信用卡中心', products: ['credit_card'], bin: '622588' },
  { name: '中信银行信用卡中心', products: ['credit_card'], bin: '622690' },
  { name: '广发银行信用卡中心', products: ['credit_card'], bin: '622568' },
  { name: '平安银行', products: ['credit_card', 'personal_loan'], bin: '622155' },
  { name: '招联消费金融', products: ['consumer_loan', 'cash_loan'], bin: '8610' },
  { name: '马上消费金融', products: ['consumer_loan', 'cash_loan'], bin: '8620' },
  { name: '中银消费金融', products: ['consumer_loan', 'personal_loan'], bin: '8630' },
  { name: '兴业消费金融', products: ['consumer_loan'], bin: '8640' },
];

export const NOTES: Record<string, readonly string[]> = {
  PTP: ['本人接听，承认欠款，承诺{date}前还款{amount}。', '客户表示工资到账后还款，约定{date}还{amount}。', '本人同意先还一部分，承诺{date}还款{amount}，已告知还款渠道。'],
  CLAIMS_PAID: ['客户称已于{date}通过手机银行还款，待核实到账。'],
  PLAN_REQUESTED: ['客户申请分期还款，每月可还约2000元，已记录待组长审批。', '客户希望协商减免部分利息后分期，已告知需提交申请。'],
  UNABLE: ['客户称已失业三个月，暂无还款能力，建议与家人商量。', '客户称生病住院，收入中断，暂时无力还款。'],
  REFUSES: ['本人表示对利息不认可，拒绝还款，已告知逾期对征信的影响。', '客户情绪激动，明确拒绝还款，已如实说明后果。'],
  DISPUTE: ['客户对账单金额有异议，已登记争议，暂停催收待核实。'],
  NO_ANSWER: ['拨打无人接听。', '响铃多声后无人接听。', '无人接听，已发送提醒短信。'],
  SWITCHED_OFF: ['提示关机。', '提示停机。', '提示暂时无法接通。'],
  INVALID_NUMBER: ['提示空号。', '号码错误，接听人称不认识客户。'],
  THIRD_PARTY_MESSAGE: ['配偶接听，已请其转告客户尽快回电。', '家人接听，称客户外出打工，已留言请回电。'],
};
