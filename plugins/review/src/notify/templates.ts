import { shanghaiDate } from '../calendar/dates.ts';
import type { Decision } from '../state-machine.ts';
import type { ReviewItemView } from '../view.ts';

/** Chinese notice texts. Kept apart from the sending logic so wording changes touch one file. */
export interface NoticeText {
  title: string;
  body: string;
}

export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

const OUTCOME_TAG: Record<Decision, string> = {
  approve: '审核通过',
  reject: '审核未通过',
  return: '退回补正',
};

export function outcomeNotice(item: ReviewItemView, decision: Decision, at: Date): NoticeText {
  const subject = `“${item.title}”（${item.kindLabel.zh}）`;
  const when = chineseDate(shanghaiDate(at));
  const remark = item.remark ? `\n审核意见：${item.remark}` : '';
  const lead = {
    approve: `您提交的${subject}已于${when}审核通过。`,
    reject: `您提交的${subject}已于${when}审核，结果为不予通过。`,
    return: `您提交的${subject}已于${when}退回，请根据审核意见补充或更正材料后重新提交。`,
  }[decision];
  return { title: `【${OUTCOME_TAG[decision]}】${item.title}`, body: `${lead}${remark}` };
}

/** A notice lists at most this many items; the inbox has the rest. */
const LIST_LIMIT = 30;

function listLines(items: ReviewItemView[]): string {
  const more = items.length > LIST_LIMIT ? `\n……等共 ${items.length} 件，详见审核待办。` : '';
  return `${items
    .slice(0, LIST_LIMIT)
    .map(
      (item) =>
        `· ${item.title}（${item.kindLabel.zh}），办理期限${chineseDate(item.deadline)}，编号 ${item.id}`,
    )
    .join('\n')}${more}`;
}

export function dueSoonNotice(items: ReviewItemView[]): NoticeText {
  return {
    title: `【即将到期】${items.length} 件待审核事项将在一个工作日内到期`,
    body: `以下事项将在一个工作日内到达办理期限，请及时审核：\n${listLines(items)}`,
  };
}

export function overdueNotice(items: ReviewItemView[]): NoticeText {
  return {
    title: `【逾期通报】${items.length} 件审核事项已超过办理期限`,
    body: `以下事项已超过办理期限仍未办结，请督促相关审核人员尽快处理：\n${listLines(items)}`,
  };
}
