/** A Chinese/English pair; titles, categories and descriptions are built from these. */
export type Phrase = readonly [zh: string, en: string];

export interface SubcategoryVocabulary {
  /** Stable key, also used to name complements. */
  key: string;
  name: Phrase;
  nouns: readonly Phrase[];
  modifiers: readonly Phrase[];
  /** Median price (log-normal: price = median · e^(σ·N(0,1))). */
  medianPrice: number;
  /** σ of log price. */
  priceSigma: number;
  /** Subcategories whose items are bought/viewed alongside (co-view signal), by key. */
  complements: readonly string[];
}

export interface CategoryVocabulary {
  name: Phrase;
  /** Relative share of the catalogue and of shopper interest. */
  weight: number;
  brands: readonly string[];
  /** Model/edition suffixes appended to titles ('' = none). */
  variants: readonly string[];
  /** Selling points for descriptions. */
  sellingPoints: readonly Phrase[];
  /** Whether products carry a colour attribute. */
  coloured: boolean;
  subcategories: readonly SubcategoryVocabulary[];
}

export const COLOURS: readonly Phrase[] = [
  ['黑色', 'Black'], ['白色', 'White'], ['灰色', 'Grey'], ['蓝色', 'Blue'], ['红色', 'Red'], ['绿色', 'Green'], ['粉色', 'Pink'],
];

const sub = (
  key: string, name: Phrase, nouns: Phrase[], modifiers: Phrase[], medianPrice: number, priceSigma: number, complements: string[] = [],
): SubcategoryVocabulary => ({ key, name, nouns, modifiers, medianPrice, priceSigma, complements });

/** Nine top categories with three or four subcategories each, in both languages. */
export const SHOP_VOCABULARY: readonly CategoryVocabulary[] = [
  {
    name: ['电子产品', 'Electronics'], weight: 1.6, coloured: true,
    brands: ['Auralis', 'Voltix', 'NovaTech', 'Lumio', 'Kestrel', 'Orbita'],
    variants: ['', 'Pro', 'Pro 2', 'Max', 'Lite', 'Mini', 'Plus', 'SE'],
    sellingPoints: [['超长续航', 'all-day battery life'], ['精致做工', 'premium build'], ['一键配对', 'one-tap pairing'], ['一年质保', 'one-year warranty'], ['轻巧便携', 'light and portable']],
    subcategories: [
      sub('headphones', ['耳机', 'Headphones'], [['耳机', 'Earbuds'], ['头戴式耳机', 'Over-Ear Headphones'], ['运动耳机', 'Sport Earphones']], [['无线蓝牙', 'Wireless Bluetooth'], ['降噪', 'Noise Cancelling'], ['入耳式', 'In-Ear'], ['高保真', 'Hi-Fi']], 60, 0.7, ['phone-accessories', 'speakers']),
      sub('phone-accessories', ['手机配件', 'Phone Accessories'], [['手机壳', 'Phone Case'], ['充电器', 'Charger'], ['数据线', 'USB-C Cable'], ['充电宝', 'Power Bank']], [['快充', 'Fast'], ['防摔', 'Shockproof'], ['磁吸', 'Magnetic'], ['超薄', 'Slim']], 18, 0.6, ['headphones', 'smartwatches']),
      sub('smartwatches', ['智能手表', 'Smartwatches'], [['智能手表', 'Smartwatch'], ['运动手环', 'Fitness Band']], [['心率监测', 'Heart-Rate'], ['防水', 'Waterproof'], ['GPS', 'GPS'], ['血氧', 'SpO2']], 120, 0.6, ['phone-accessories', 'fitness']),
      sub('speakers', ['音箱', 'Speakers'], [['蓝牙音箱', 'Bluetooth Speaker'], ['智能音箱', 'Smart Speaker'], ['回音壁', 'Soundbar']], [['便携', 'Portable'], ['防水', 'Waterproof'], ['重低音', 'Deep Bass'], ['立体声', 'Stereo']], 80, 0.7, ['headphones']),
    ],
  },
  {
    name: ['服装', 'Clothing'], weight: 1.4, coloured: true,
    brands: ['Maple & Co', 'Urbanite', 'Linen Lane', 'Northway', 'Kumo'],
    variants: ['', 'S', 'M', 'L', 'XL', '2026 New'],
    sellingPoints: [['纯棉面料', 'pure cotton'], ['修身剪裁', 'slim fit'], ['透气舒适', 'breathable and comfortable'], ['四季百搭', 'goes with everything'], ['可机洗', 'machine washable']],
    subcategories: [
      sub('t-shirts', ['T恤', 'T-Shirts'], [['T恤', 'T-Shirt'], ['Polo衫', 'Polo Shirt'], ['背心', 'Tank Top']], [['纯棉', 'Cotton'], ['宽松', 'Oversized'], ['短袖', 'Short-Sleeve'], ['印花', 'Printed']], 25, 0.5, ['jackets', 'sneakers']),
      sub('jackets', ['外套', 'Jackets'], [['夹克', 'Jacket'], ['羽绒服', 'Down Coat'], ['风衣', 'Trench Coat']], [['防风', 'Windproof'], ['轻薄', 'Lightweight'], ['连帽', 'Hooded'], ['加厚', 'Padded']], 90, 0.6, ['t-shirts', 'camping']),
      sub('sneakers', ['运动鞋', 'Sneakers'], [['跑步鞋', 'Running Shoes'], ['板鞋', 'Skate Shoes'], ['休闲鞋', 'Casual Sneakers']], [['透气', 'Breathable'], ['缓震', 'Cushioned'], ['轻量', 'Lightweight'], ['防滑', 'Non-Slip']], 70, 0.5, ['t-shirts', 'fitness']),
    ],
  },
  {
    name: ['美妆个护', 'Beauty & Personal Care'], weight: 1.2, coloured: false,
    brands: ['Rosalie', 'Dewy Lab', 'Camellia', 'Pure Petal', 'Aqualis'],
    variants: ['', '30ml', '50ml', '100ml', 'Travel Size', 'Gift Set'],
    sellingPoints: [['温和不刺激', 'gentle on skin'], ['深层补水', 'deep hydration'], ['无香精', 'fragrance-free'], ['持久不脱妆', 'long-lasting'], ['天然成分', 'natural ingredients']],
    subcategories: [
      sub('skin-care', ['护肤', 'Skin Care'], [['精华液', 'Serum'], ['面霜', 'Face Cream'], ['洁面乳', 'Cleanser'], ['面膜', 'Sheet Mask']], [['玫瑰', 'Rose'], ['保湿', 'Moisturizing'], ['美白', 'Brightening'], ['抗皱', 'Anti-Wrinkle']], 30, 0.7, ['makeup']),
      sub('makeup', ['彩妆', 'Makeup'], [['口红', 'Lipstick'], ['粉底液', 'Foundation'], ['眼影盘', 'Eyeshadow Palette'], ['睫毛膏', 'Mascara']], [['哑光', 'Matte'], ['持久', 'Long-Wear'], ['防水', 'Waterproof'], ['丝绒', 'Velvet']], 25, 0.6, ['skin-care']),
      sub('hair-care', ['洗护', 'Hair Care'], [['洗发水', 'Shampoo'], ['护发素', 'Conditioner'], ['发膜', 'Hair Mask']], [['无硅油', 'Silicone-Free'], ['修护', 'Repair'], ['控油', 'Oil-Control'], ['柔顺', 'Smoothing']], 15, 0.5, ['skin-care']),
    ],
  },
  {
    name: ['家居厨房', 'Home & Kitchen'], weight: 1.2, coloured: true,
    brands: ['Hearthstone', 'Kitcha', 'Oak & Ember', 'Nestwell', 'Tidy Nook'],
    variants: ['', 'Set', 'Large', 'Small', 'Deluxe'],
    sellingPoints: [['食品级材质', 'food-grade materials'], ['易清洗', 'easy to clean'], ['节省空间', 'space-saving'], ['经久耐用', 'built to last'], ['北欧设计', 'Nordic design']],
    subcategories: [
      sub('cookware', ['厨具', 'Cookware'], [['炒锅', 'Wok'], ['平底锅', 'Frying Pan'], ['汤锅', 'Stock Pot'], ['刀具套装', 'Knife Set']], [['不粘', 'Non-Stick'], ['铸铁', 'Cast Iron'], ['不锈钢', 'Stainless Steel'], ['陶瓷', 'Ceramic']], 45, 0.6, ['storage']),
      sub('coffee-makers', ['咖啡器具', 'Coffee Makers'], [['咖啡机', 'Espresso Machine'], ['磨豆机', 'Coffee Grinder'], ['手冲壶', 'Pour-Over Kettle']], [['全自动', 'Automatic'], ['意式', 'Italian'], ['便携', 'Portable'], ['家用', 'Home']], 110, 0.8, ['coffee-beans']),
      sub('bedding', ['床上用品', 'Bedding'], [['四件套', 'Bedding Set'], ['枕头', 'Pillow'], ['被子', 'Duvet']], [['纯棉', 'Cotton'], ['真丝', 'Silk'], ['记忆棉', 'Memory Foam'], ['蓬松', 'Fluffy']], 60, 0.6, ['storage']),
      sub('storage', ['收纳', 'Storage'], [['收纳箱', 'Storage Box'], ['置物架', 'Shelf'], ['衣架', 'Hangers']], [['可折叠', 'Foldable'], ['透明', 'Clear'], ['大容量', 'Large-Capacity'], ['竹制', 'Bamboo']], 20, 0.5, ['bedding', 'cookware']),
    ],
  },
  {
    name: ['运动户外', 'Sports & Outdoors'], weight: 1.0, coloured: true,
    brands: ['Summit', 'Trailhead', 'Velo', 'Ironleaf', 'Bluepeak'],
    variants: ['', 'Pro', '2026', 'Ultra'],
    sellingPoints: [['专业级', 'pro grade'], ['户外必备', 'outdoor essential'], ['结实耐用', 'rugged and durable'], ['轻量化设计', 'ultralight design']],
    subcategories: [
      sub('fitness', ['健身', 'Fitness'], [['瑜伽垫', 'Yoga Mat'], ['哑铃', 'Dumbbells'], ['弹力带', 'Resistance Bands']], [['防滑', 'Non-Slip'], ['加厚', 'Thick'], ['可调节', 'Adjustable'], ['环保', 'Eco']], 30, 0.7, ['sneakers', 'smartwatches']),
      sub('camping', ['露营', 'Camping'], [['帐篷', 'Tent'], ['睡袋', 'Sleeping Bag'], ['露营灯', 'Camping Lantern']], [['双人', '2-Person'], ['防雨', 'Rainproof'], ['自动', 'Instant'], ['超轻', 'Ultralight']], 75, 0.7, ['jackets', 'cycling']),
      sub('cycling', ['骑行', 'Cycling'], [['骑行头盔', 'Bike Helmet'], ['车灯', 'Bike Light'], ['骑行手套', 'Cycling Gloves']], [['透气', 'Vented'], ['USB充电', 'USB Rechargeable'], ['反光', 'Reflective'], ['碳纤维', 'Carbon']], 35, 0.6, ['camping']),
    ],
  },
  {
    name: ['图书', 'Books'], weight: 0.8, coloured: false,
    brands: ['Bamboo Press', 'Lantern Books', 'Inkwell', 'Greenleaf'],
    variants: ['', 'Hardcover', 'Paperback', '2nd Edition'],
    sellingPoints: [['畅销榜推荐', 'bestseller pick'], ['名家译本', 'acclaimed translation'], ['精装典藏', 'collector edition'], ['图文并茂', 'richly illustrated']],
    subcategories: [
      sub('fiction', ['小说', 'Fiction'], [['悬疑小说', 'Mystery Novel'], ['科幻小说', 'Science Fiction Novel'], ['历史小说', 'Historical Novel']], [['畅销', 'Bestselling'], ['获奖', 'Award-Winning'], ['经典', 'Classic']], 12, 0.4, ['childrens-books']),
      sub('childrens-books', ['童书', "Children's Books"], [['绘本', 'Picture Book'], ['科普读物', 'Science Book for Kids'], ['故事书', 'Storybook']], [['启蒙', 'Early Learning'], ['双语', 'Bilingual'], ['立体', 'Pop-Up']], 10, 0.4, ['toys', 'fiction']),
      sub('programming', ['编程', 'Programming'], [['编程指南', 'Programming Guide'], ['算法手册', 'Algorithms Handbook'], ['机器学习', 'Machine Learning']], [['入门', 'Beginner'], ['实战', 'Hands-On'], ['进阶', 'Advanced']], 40, 0.4, ['fiction']),
    ],
  },
  {
    name: ['食品饮料', 'Food & Drinks'], weight: 1.0, coloured: false,
    brands: ['Golden Hill', 'Teahouse', 'Crunchbox', 'Highland Roasters'],
    variants: ['', '250g', '500g', '1kg', 'Gift Box'],
    sellingPoints: [['新鲜直发', 'shipped fresh'], ['无添加', 'no additives'], ['产地直采', 'sourced at origin'], ['独立小包装', 'individually packed']],
    subcategories: [
      sub('snacks', ['零食', 'Snacks'], [['薯片', 'Potato Chips'], ['饼干', 'Cookies'], ['牛肉干', 'Beef Jerky']], [['香辣', 'Spicy'], ['原味', 'Original'], ['低糖', 'Low-Sugar'], ['芝士', 'Cheese']], 6, 0.5, ['nuts', 'tea']),
      sub('tea', ['茶叶', 'Tea'], [['绿茶', 'Green Tea'], ['乌龙茶', 'Oolong Tea'], ['红茶', 'Black Tea']], [['明前', 'Spring'], ['高山', 'High-Mountain'], ['有机', 'Organic']], 20, 0.6, ['snacks']),
      sub('coffee-beans', ['咖啡豆', 'Coffee Beans'], [['咖啡豆', 'Coffee Beans'], ['挂耳咖啡', 'Drip Coffee Bags'], ['冷萃咖啡', 'Cold Brew']], [['深烘', 'Dark Roast'], ['中烘', 'Medium Roast'], ['单一产地', 'Single-Origin']], 15, 0.5, ['coffee-makers']),
      sub('nuts', ['坚果', 'Nuts'], [['混合坚果', 'Mixed Nuts'], ['腰果', 'Cashews'], ['巴旦木', 'Almonds']], [['每日', 'Daily'], ['烘焙', 'Roasted'], ['盐焗', 'Salted']], 12, 0.5, ['snacks']),
    ],
  },
  {
    name: ['母婴', 'Baby'], weight: 0.8, coloured: false,
    brands: ['Little Sprout', 'Cuddle Co', 'Mamabear'],
    variants: ['', 'S', 'M', 'L', 'Newborn'],
    sellingPoints: [['安全无毒', 'non-toxic'], ['柔软亲肤', 'soft on skin'], ['医护推荐', 'paediatrician recommended'], ['防漏设计', 'leak-proof design']],
    subcategories: [
      sub('diapers', ['纸尿裤', 'Diapers'], [['纸尿裤', 'Diapers'], ['拉拉裤', 'Pull-Ups'], ['湿巾', 'Baby Wipes']], [['超薄', 'Ultra-Thin'], ['透气', 'Breathable'], ['夜用', 'Overnight']], 25, 0.4, ['baby-bottles']),
      sub('baby-bottles', ['奶瓶', 'Baby Bottles'], [['奶瓶', 'Baby Bottle'], ['奶嘴', 'Pacifier'], ['吸奶器', 'Breast Pump']], [['防胀气', 'Anti-Colic'], ['玻璃', 'Glass'], ['宽口径', 'Wide-Neck']], 20, 0.6, ['diapers', 'toys']),
      sub('toys', ['玩具', 'Toys'], [['积木', 'Building Blocks'], ['毛绒玩具', 'Plush Toy'], ['拼图', 'Puzzle']], [['益智', 'Educational'], ['木制', 'Wooden'], ['彩色', 'Colourful']], 22, 0.6, ['childrens-books']),
    ],
  },
  {
    name: ['宠物用品', 'Pet Supplies'], weight: 0.7, coloured: false,
    brands: ['Whisker', 'Pawsome', 'Furbay'],
    variants: ['', '2kg', '5kg', 'Value Pack'],
    sellingPoints: [['高蛋白', 'high protein'], ['兽医推荐', 'vet recommended'], ['耐咬耐用', 'chew-resistant'], ['无谷配方', 'grain-free recipe']],
    subcategories: [
      sub('cat-supplies', ['猫咪用品', 'Cat Supplies'], [['猫粮', 'Cat Food'], ['猫砂', 'Cat Litter'], ['猫抓板', 'Scratching Board']], [['无谷', 'Grain-Free'], ['除臭', 'Odour-Control'], ['幼猫', 'Kitten']], 25, 0.5, ['pet-toys']),
      sub('dog-supplies', ['狗狗用品', 'Dog Supplies'], [['狗粮', 'Dog Food'], ['牵引绳', 'Dog Leash'], ['狗窝', 'Dog Bed']], [['成犬', 'Adult'], ['反光', 'Reflective'], ['加大', 'Large']], 30, 0.5, ['pet-toys']),
      sub('pet-toys', ['宠物玩具', 'Pet Toys'], [['逗猫棒', 'Cat Teaser'], ['磨牙玩具', 'Chew Toy'], ['飞盘', 'Frisbee']], [['耐咬', 'Durable'], ['发声', 'Squeaky'], ['互动', 'Interactive']], 8, 0.5, ['cat-supplies', 'dog-supplies']),
    ],
  },
];

/** `中文/English`, the form category path levels take in generated products. */
export const bilingual = ([zh, en]: Phrase): string => `${zh}/${en}`;
