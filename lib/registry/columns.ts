import { encryptIdNumber, hashIdNumber } from './crypto'
import { maskIdNumber } from './idcard'
import { nameSearchKeys } from './pinyin'
import { toDate } from '@/lib/dates'
import type { PersonInput } from './schemas'

// How a person's facts become database columns: search keys, the encrypted ID number and its
// hash and masked form. Shared by the service, the importer, the demo generator and test factories.

export function idColumns(idNumber: string | undefined | null) {
  if (!idNumber) return { idCipher: null, idHash: null, idMasked: null, idLast4: null }
  return { idCipher: encryptIdNumber(idNumber), idHash: hashIdNumber(idNumber), idMasked: maskIdNumber(idNumber), idLast4: idNumber.slice(-4) }
}

export function nameColumns(name: string) {
  const keys = nameSearchKeys(name)
  return { name, namePinyin: keys.pinyin, nameInitials: keys.initials }
}

export function personColumns(p: PersonInput) {
  return {
    ...nameColumns(p.name),
    sex: p.sex,
    birthDate: toDate(p.birthDate),
    ethnicity: p.ethnicity,
    ...idColumns(p.idNumber),
    phone: p.phone ?? null,
    residence: p.residence,
    migrationPlace: p.migrationPlace ?? null,
    migrationSince: p.migrationSince ? toDate(p.migrationSince) : null,
    maritalStatus: p.maritalStatus,
    education: p.education ?? null,
    occupation: p.occupation ?? null,
    hukouText: p.hukouText ?? null,
    hukouCode: p.hukouCode ? p.hukouCode.padEnd(12, '0') : null,
  }
}
