/** Messages of the home page (admin-ui/src/home/), loaded with its lazy chunk only (README.md in this folder). */
import type { AreaMessages } from './types.js';

export const en = {
  'home.title': 'Home',
  'home.openList': 'Open the list',
  'home.myTasks': 'My tasks',
  'home.myTasks.empty': 'No open tasks.',
  'home.myTasks.due': 'Due {date}',
  'home.view.empty': 'Nothing to show.',
};

export const zhCN: AreaMessages<typeof en> = {
  'home.title': '首页',
  'home.openList': '打开列表',
  'home.myTasks': '我的任务',
  'home.myTasks.empty': '没有待办任务。',
  'home.myTasks.due': '{date} 到期',
  'home.view.empty': '暂无内容。',
};
