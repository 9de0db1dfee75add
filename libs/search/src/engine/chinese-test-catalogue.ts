import type { Product } from '@magpie/contracts';

const epoch = new Date(0);

type Row = [id: number, title: string, brand: string | null, categories: string[], price: number, stock: number | null];

// A small shop with Chinese and mixed Chinese/English titles, as Chinese marketplaces write them
// (brand in both scripts, model numbers, capacities glued to their unit).
const ROWS: Row[] = [
  [1, '小米 Redmi Note 12 智能手机 8GB+256GB', '小米', ['手机数码', '手机'], 1299, 20],
  [2, '苹果 iPhone 15 手机壳 硅胶 防摔', 'Apple', ['手机数码', '手机配件'], 59, 100],
  [3, '苹果 iPhone 15 Pro 5G手机 256GB 黑色钛金属', 'Apple', ['手机数码', '手机'], 7999, 5],
  [4, '华为 HUAWEI Mate 60 Pro 智能手机 12GB+512GB', '华为', ['手机数码', '手机'], 6999, 0],
  [5, '无线蓝牙耳机 主动降噪 入耳式 超长续航', '漫步者', ['手机数码', '耳机'], 199, 50],
  [6, '索尼 Sony WH-1000XM5 头戴式蓝牙耳机 降噪', 'Sony', ['手机数码', '耳机'], 2499, 8],
  [7, '钢化膜 iPhone 15 全屏覆盖 高清', 'Apple', ['手机数码', '手机配件'], 29, 300],
  [8, '移动电源 充电宝 20000mAh 快充', '小米', ['手机数码', '手机配件'], 129, 60],
  [9, 'Type-C 数据线 快充 1米', '绿联', ['手机数码', '手机配件'], 19, null],
  [10, 'Xiaomi 小米手环8 运动手环 心率监测', '小米', ['手机数码', '智能穿戴'], 239, 40],
  [11, '笔记本电脑 联想 ThinkPad X1 Carbon 14英寸', '联想', ['电脑办公', '笔记本'], 9999, 3],
  [12, '机械键盘 青轴 87键 有线', '罗技', ['电脑办公', '外设'], 299, 25],
  [13, 'iPad 保护套 平板电脑 磁吸', 'Apple', ['电脑办公', '平板配件'], 89, 70],
  [14, '蓝牙音箱 便携 防水 户外', 'JBL', ['手机数码', '影音'], 399, 15],
  [15, '儿童 保温杯 500ml 不锈钢 吸管', '膳魔师', ['母婴', '儿童餐具'], 139, 30],
  [16, '保温饭盒 上班族 便当盒 不锈钢', '象印', ['家居厨具', '餐具'], 169, 12],
  [17, '电饭煲 智能 4L 家用 预约', '美的', ['家用电器', '厨房电器'], 329, 18],
  [18, '咖啡机 全自动 意式 研磨一体', '德龙', ['家用电器', '厨房电器'], 4599, 2],
  [19, '空气净化器 家用 除甲醛 除雾霾', '小米', ['家用电器', '生活电器'], 899, 9],
  [20, '扫地机器人 智能 自动回充 拖地', '科沃斯', ['家用电器', '生活电器'], 1999, 0],
  [21, '电动牙刷 声波 充电式 成人', '飞利浦', ['个护健康', '口腔护理'], 299, 45],
  [22, '纯棉 T恤 男士 短袖 圆领', '优衣库', ['服饰', '男装'], 79, 200],
  [23, '运动鞋 跑步鞋 女款 透气 轻便', 'Nike', ['服饰', '运动鞋'], 599, 35],
  [24, '羽绒服 女 中长款 加厚 保暖', '波司登', ['服饰', '女装'], 1299, 10],
  [25, '瑜伽垫 防滑 加厚 10mm 健身', 'Keep', ['运动户外', '健身'], 99, 80],
  [26, '乐高 LEGO 积木 儿童玩具 拼装', 'LEGO', ['母婴', '玩具'], 499, 16],
  [27, '婴儿 纸尿裤 L码 超薄透气', '花王', ['母婴', '纸尿裤'], 129, 90],
  [28, '茶叶 绿茶 西湖龙井 250g 明前', '西湖', ['食品饮料', '茶叶'], 268, 22],
  [29, '口红 哑光 正红色 保湿', '迪奥', ['美妆', '彩妆'], 320, 14],
  [30, '行李箱 万向轮 24寸 拉杆箱', '新秀丽', ['箱包', '行李箱'], 899, 7],
  [31, '台灯 LED 护眼 学生 宿舍', '欧普', ['家居', '灯具'], 159, 55],
  [32, '索尼 Sony 降噪耳塞 真无线 WF-1000XM5', 'Sony', ['手机数码', '耳机'], 1699, 11],
];

/**
 * A test catalogue of 32 products with Chinese and mixed Chinese/English titles, Chinese category
 * paths, brands in either script, prices in yuan and stock (0 = sold out, null = not tracked).
 * External ids are `zh1`…`zh32`; internal ids 1…32.
 */
export const CHINESE_TEST_CATALOGUE: readonly Product[] = ROWS.map(([id, title, brand, categories, price, stock]) => ({
  id,
  externalId: `zh${id}`,
  title,
  description: null,
  brand,
  categories,
  price,
  stock,
  imageUrl: null,
  attributes: {},
  createdAt: epoch,
  updatedAt: epoch,
}));
