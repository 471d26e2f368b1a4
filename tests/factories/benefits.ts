// Benefit factories, shared with the demo generator: the four demo programs of a county.
export { DEMO_PROGRAMS, installBenefitPrograms } from '@/prisma/seed/benefit-programs'
