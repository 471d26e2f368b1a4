'use client'
import { answerChangeAction, reviewChangeAction } from '@/lib/registry/actions'
import { useT } from '@/lib/i18n/client'
import { inputClass } from '@/components/ui'
import { fieldError, PendingButton, useActionForm } from '@/components/ui/client'

export function ReviewButtons({ changeId }: { changeId: number }) {
  const t = useT()
  const check = useActionForm(reviewChangeAction)
  const question = useActionForm(reviewChangeAction)
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form onSubmit={check.onSubmit}>
        <input type="hidden" name="changeId" value={changeId} />
        <input type="hidden" name="decision" value="check" />
        <PendingButton kind="secondary" pending={check.pending}>
          {t('registry.review.check')}
        </PendingButton>
      </form>
      <form onSubmit={question.onSubmit} className="flex flex-wrap items-start gap-2">
        <input type="hidden" name="changeId" value={changeId} />
        <input type="hidden" name="decision" value="question" />
        <div>
          <input name="question" aria-label={t('registry.review.questionLabel')} placeholder={t('registry.review.questionLabel')} className={`${inputClass} w-56`} />
          {fieldError(question.state, 'question') ? <p className="text-xs text-red-700">{fieldError(question.state, 'question')}</p> : null}
        </div>
        <PendingButton kind="secondary" pending={question.pending}>
          {t('registry.review.question')}
        </PendingButton>
      </form>
    </div>
  )
}

export function AnswerForm({ changeId }: { changeId: number }) {
  const t = useT()
  const { state, onSubmit, pending } = useActionForm(answerChangeAction)
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-2">
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
