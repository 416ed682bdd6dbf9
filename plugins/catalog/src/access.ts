import type { Principal } from '@kaifang/plugin-auth-sso';
import type { AccessDecision, CatalogHooks } from './hooks.ts';
import type { Dataset } from './model.ts';

/**
 * May `principal` use the data (not the metadata) of `dataset`? Closed data never;
 * unconditional data always (U4: no account needed); conditional data only when a tap of
 * `accessCheck` (a grant plugin) says so. Without such a plugin, conditional data stays shut.
 */
export async function checkAccess(
  hooks: CatalogHooks,
  dataset: Dataset,
  principal: Principal | undefined,
  action: 'preview' | 'download' | 'api',
): Promise<AccessDecision> {
  if (dataset.openType === 'closed')
    return { allowed: false, reason: '该数据不予开放 (this dataset is listed but not opened)' };
  const decision = await hooks.accessCheck.promise({
    dataset,
    action,
    ...(principal ? { principal } : {}),
  });
  if (decision) return decision;
  if (dataset.openType === 'unconditional') return { allowed: true, reason: '无条件开放' };
  return {
    allowed: false,
    reason: principal
      ? '有条件开放数据：请在数据集页面提交使用申请，审核通过后方可使用 (apply for use; an admin reviews it)'
      : '有条件开放数据：请先登录并完成实名认证，再提交使用申请 (sign in, verify your real name, then apply)',
  };
}
