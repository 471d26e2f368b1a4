'use client'
import { createContext, useContext, useState, useTransition, type FormEvent, type ReactNode } from 'react'
import { answerChangeAction, checkChangesAction, reviewChangeAction } from '@/lib/registry/actions'
import { useT } from '@/lib/i18n/client'
import { Alert, inputClass } from '@/components/ui'
import { ActionMessage, fieldError, PendingButton } from '@/components/ui/client'
import type { ActionState } from '@/lib/server/action'

// A row's form disappears with its row once the change leaves the filtered list, so what happened
// is said once above the list (ReviewNotice), not inside the row.

const NoticeContext = createContext<(message: string) => void>(() => {})

export function ReviewNoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <NoticeContext.Provider value={setNotice}>
      {notice ? (
        <div className="mb-3" data-testid="review-notice">
          <Alert kind="success">{notice}</Alert>
        </div>
      ) : null}
      {children}
    </NoticeContext.Provider>
  )
}

/**
 * Runs a review action and, when it succeeds, tells the page-level notice what happened. The
 * notice is set from here rather than from the row's state: the row may be gone by then.
 */
function useReviewAction<T>(
  action: (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>,
  message: (state: Extract<ActionState<T>, { ok: true }>) => string | undefined,
) {
  const setNotice = useContext(NoticeContext)
  const [state, setState] = useState<ActionState<T>>(null)
  const [pending, startTransition] = useTransition()
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter)
    startTransition(async () => {
      const result = await action(null, formData)
      setState(result)
      if (result?.ok) setNotice(message(result as Extract<ActionState<T>, { ok: true }>) ?? '')
    })
  }
  return { state, onSubmit, pending }
}

export function ReviewButtons({ changeId }: { changeId: number }) {
  const t = useT()
  const check = useReviewAction(reviewChangeAction, (s) => s.message)
  const question = useReviewAction(reviewChangeAction, (s) => s.message)
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form method="post" onSubmit={check.onSubmit}>
        <input type="hidden" name="changeId" value={changeId} />
        <input type="hidden" name="decision" value="check" />
        <PendingButton kind="secondary" pending={check.pending}>
          {t('registry.review.check')}
        </PendingButton>
      </form>
      <form method="post" onSubmit={question.onSubmit} className="flex flex-wrap items-start gap-2">
        <input type="hidden" name="changeId" value={changeId} />
        <input type="hidden" name="decision" value="question" />
        <div>
          <input
            name="question"
            aria-label={t('registry.review.questionLabel')}
            placeholder={t('registry.review.questionLabel')}
            className={`${inputClass} w-56`}
          />
          {fieldError(question.state, 'question') ? <p className="text-xs text-red-700">{fieldError(question.state, 'question')}</p> : null}
        </div>
        <PendingButton kind="secondary" pending={question.pending}>
          {t('registry.review.question')}
        </PendingButton>
      </form>
    </div>
  )
}

/** 全部核查无误: every change shown that still needs checking, after one confirmation. */
export function CheckAllForm({ changeIds }: { changeIds: number[] }) {
  const t = useT()
  const { state, onSubmit, pending } = useReviewAction(checkChangesAction, (s) => t('registry.review.checkedAll', { count: s.data.count }))
  return (
    <form
      method="post"
      onSubmit={(e) => {
        if (!window.confirm(t('registry.review.checkAllConfirm', { count: changeIds.length }))) return e.preventDefault()
        onSubmit(e)
      }}
      aria-label={t('registry.review.checkAll', { count: changeIds.length })}
    >
      {state && !state.ok ? <ActionMessage state={state} /> : null}
      <input type="hidden" name="changeIds" value={changeIds.join(',')} />
      <PendingButton pending={pending} busy={t('common.saving')}>
        {t('registry.review.checkAll', { count: changeIds.length })}
      </PendingButton>
    </form>
  )
}

export function AnswerForm({ changeId }: { changeId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useReviewAction(answerChangeAction, (s) => s.message)
  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="changeId" value={changeId} />
      <div>
        <input name="answer" aria-label={t('registry.review.answerLabel')} placeholder={t('registry.review.answerLabel')} className={`${inputClass} w-64`} />
        {fieldError(state, 'answer') ? <p className="text-xs text-red-700">{fieldError(state, 'answer')}</p> : null}
      </div>
      <PendingButton kind="secondary" pending={pending}>
        {t('registry.review.answer')}
      </PendingButton>
    </form>
  )
}
