/* Generated from metadata/ by `npm run codegen` (metadata/codegen.ts). Do not edit. */

/**
 * 客户 / Account (entity `account`)
 */
export interface Account {
  /**
   * Record id (uuid)
   */
  id: string;
  /**
   * Optimistic-lock version, +1 on every change
   */
  version: number;
  /**
   * Owning user id
   */
  ownerId: string | null;
  /**
   * ISO 8601 date-time
   */
  createdAt: string;
  /**
   * User id
   */
  createdBy: string | null;
  /**
   * ISO 8601 date-time
   */
  updatedAt: string;
  /**
   * User id
   */
  updatedBy: string | null;
  /**
   * Set when the record is in the recycle bin
   */
  deletedAt: string | null;
  /**
   * 客户名称 / Account name
   */
  name: string;
  /**
   * 行业 / Industry
   */
  industry?:
    | "manufacturing"
    | "trade"
    | "finance"
    | "utilities"
    | "government"
    | "construction"
    | "tourism"
    | "newEconomy"
    | "conglomerate"
    | "other";
  /**
   * 区域 / Region
   */
  region?: string;
  /**
   * 客户等级 / Level
   */
  level?: "A" | "B" | "C" | "D";
  /**
   * 客户来源 / Source
   */
  source?:
    | "employeeReferral"
    | "customerReferral"
    | "partnerReferral"
    | "otherReferral"
    | "doorToDoor"
    | "tradeShow"
    | "internet"
    | "advertising"
    | "phoneEnquiry"
    | "walkIn"
    | "other";
  /**
   * 客户状态 / Lifecycle state
   */
  state?: "target" | "potential" | "formal" | "sealed";
  /**
   * 电话 / Phone
   */
  phone?: string;
  /**
   * 邮箱 / Email
   */
  email?: string;
  /**
   * 网址 / Website
   */
  website?: string;
  /**
   * 税号 / Tax ID
   */
  taxId?: string;
  /**
   * 地址 / Address
   */
  address?: string;
  /**
   * 年营业额 / Annual revenue
   */
  annualRevenue?: number;
  /**
   * 员工人数 / Employees
   */
  employees?: number;
  /**
   * 上级客户 / Parent account
   */
  parentAccount?: string;
}

/**
 * 活动 / Activity (entity `activity`)
 */
export interface Activity {
  /**
   * Record id (uuid)
   */
  id: string;
  /**
   * Optimistic-lock version, +1 on every change
   */
  version: number;
  /**
   * Owning user id
   */
  ownerId: string | null;
  /**
   * ISO 8601 date-time
   */
  createdAt: string;
  /**
   * User id
   */
  createdBy: string | null;
  /**
   * ISO 8601 date-time
   */
  updatedAt: string;
  /**
   * User id
   */
  updatedBy: string | null;
  /**
   * Set when the record is in the recycle bin
   */
  deletedAt: string | null;
  /**
   * 主题 / Subject
   */
  subject: string;
  /**
   * 活动类型 / Type
   */
  type?: "call" | "visit" | "email" | "meeting" | "task" | "note";
  /**
   * 到期时间 / Due at
   */
  dueAt?: string;
  /**
   * 已完成 / Done
   */
  done?: boolean;
  /**
   * 客户 / Account
   */
  account?: string;
  /**
   * 联系人 / Contact
   */
  contact?: string;
  /**
   * 商机 / Opportunity
   */
  opportunity?: string;
  /**
   * 线索 / Lead
   */
  lead?: string;
  /**
   * 备注 / Notes
   */
  notes?: string;
}

/**
 * 联系人 / Contact (entity `contact`)
 */
export interface Contact {
  /**
   * Record id (uuid)
   */
  id: string;
  /**
   * Optimistic-lock version, +1 on every change
   */
  version: number;
  /**
   * Owning user id
   */
  ownerId: string | null;
  /**
   * ISO 8601 date-time
   */
  createdAt: string;
  /**
   * User id
   */
  createdBy: string | null;
  /**
   * ISO 8601 date-time
   */
  updatedAt: string;
  /**
   * User id
   */
  updatedBy: string | null;
  /**
   * Set when the record is in the recycle bin
   */
  deletedAt: string | null;
  /**
   * 名 / First name
   */
  firstName: string;
  /**
   * 姓 / Last name
   */
  lastName: string;
  /**
   * 所属客户 / Account
   */
  account?: string;
  /**
   * 职务 / Job title
   */
  title?: string;
  /**
   * 决策角色 / Decision role
   */
  decisionRole?: "decisionMaker" | "influencer" | "user" | "gatekeeper" | "other";
  /**
   * 电话 / Phone
   */
  phone?: string;
  /**
   * 手机 / Mobile
   */
  mobile?: string;
  /**
   * 邮箱 / Email
   */
  email?: string;
  /**
   * 生日 / Birthday
   */
  birthday?: string;
}

/**
 * 线索 / Lead (entity `lead`)
 */
export interface Lead {
  /**
   * Record id (uuid)
   */
  id: string;
  /**
   * Optimistic-lock version, +1 on every change
   */
  version: number;
  /**
   * Owning user id
   */
  ownerId: string | null;
  /**
   * ISO 8601 date-time
   */
  createdAt: string;
  /**
   * User id
   */
  createdBy: string | null;
  /**
   * ISO 8601 date-time
   */
  updatedAt: string;
  /**
   * User id
   */
  updatedBy: string | null;
  /**
   * Set when the record is in the recycle bin
   */
  deletedAt: string | null;
  /**
   * 公司名称 / Company
   */
  company: string;
  /**
   * 联系人姓名 / Contact name
   */
  contactName: string;
  /**
   * 职务 / Job title
   */
  title?: string;
  /**
   * 电话 / Phone
   */
  phone?: string;
  /**
   * 邮箱 / Email
   */
  email?: string;
  /**
   * 行业 / Industry
   */
  industry?:
    | "manufacturing"
    | "trade"
    | "finance"
    | "utilities"
    | "government"
    | "construction"
    | "tourism"
    | "newEconomy"
    | "conglomerate"
    | "other";
  /**
   * 区域 / Region
   */
  region?: string;
  /**
   * 线索来源 / Source
   */
  source?:
    | "employeeReferral"
    | "customerReferral"
    | "partnerReferral"
    | "otherReferral"
    | "doorToDoor"
    | "tradeShow"
    | "internet"
    | "advertising"
    | "phoneEnquiry"
    | "walkIn"
    | "other";
  /**
   * 线索状态 / Status
   */
  status?: "new" | "working" | "qualified" | "disqualified" | "nurturing" | "converted";
  /**
   * 评分 / Score
   */
  score?: number;
  /**
   * 不合格原因 / Disqualification reason
   */
  disqualifyReason?: string;
  /**
   * 转化的客户 / Converted account
   */
  convertedAccount?: string;
  /**
   * 转化的联系人 / Converted contact
   */
  convertedContact?: string;
  /**
   * 转化的商机 / Converted opportunity
   */
  convertedOpportunity?: string;
}

/**
 * 商机 / Opportunity (entity `opportunity`)
 */
export interface Opportunity {
  /**
   * Record id (uuid)
   */
  id: string;
  /**
   * Optimistic-lock version, +1 on every change
   */
  version: number;
  /**
   * Owning user id
   */
  ownerId: string | null;
  /**
   * ISO 8601 date-time
   */
  createdAt: string;
  /**
   * User id
   */
  createdBy: string | null;
  /**
   * ISO 8601 date-time
   */
  updatedAt: string;
  /**
   * User id
   */
  updatedBy: string | null;
  /**
   * Set when the record is in the recycle bin
   */
  deletedAt: string | null;
  /**
   * 商机名称 / Opportunity name
   */
  name: string;
  /**
   * 客户 / Account
   */
  account: string;
  /**
   * 销售阶段 / Stage
   */
  stage?: "intent" | "negotiation" | "purchase" | "signed" | "lost";
  /**
   * 赢率 / Probability
   */
  probability?: number;
  /**
   * 预计金额 / Expected amount
   */
  amount?: number;
  /**
   * 预计成交日期 / Expected close date
   */
  closeDate?: string;
  /**
   * 丢单原因 / Lost reason
   */
  lostReason?: string;
  /**
   * 竞争对手 / Competitors
   */
  competitors?: string;
  /**
   * 商机来源 / Source
   */
  source?:
    | "employeeReferral"
    | "customerReferral"
    | "partnerReferral"
    | "otherReferral"
    | "doorToDoor"
    | "tradeShow"
    | "internet"
    | "advertising"
    | "phoneEnquiry"
    | "walkIn"
    | "other";
}

/**
 * 产品 / Product (entity `product`)
 */
export interface Product {
  /**
   * Record id (uuid)
   */
  id: string;
  /**
   * Optimistic-lock version, +1 on every change
   */
  version: number;
  /**
   * Owning user id
   */
  ownerId: string | null;
  /**
   * ISO 8601 date-time
   */
  createdAt: string;
  /**
   * User id
   */
  createdBy: string | null;
  /**
   * ISO 8601 date-time
   */
  updatedAt: string;
  /**
   * User id
   */
  updatedBy: string | null;
  /**
   * Set when the record is in the recycle bin
   */
  deletedAt: string | null;
  /**
   * 产品名称 / Product name
   */
  name: string;
  /**
   * 产品编码 / Product code
   */
  code?: string;
  /**
   * 产品类别 / Category
   */
  category?: string;
  /**
   * 单位 / Unit
   */
  unit?: string;
  /**
   * 标准价格 / List price
   */
  listPrice?: number;
  /**
   * 在售 / Active
   */
  active?: boolean;
}

/** Entity name → record type. */
export interface EntityRecords {
  account: Account;
  activity: Activity;
  contact: Contact;
  lead: Lead;
  opportunity: Opportunity;
  product: Product;
}

export type EntityName = keyof EntityRecords;
