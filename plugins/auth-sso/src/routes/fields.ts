import { Joi } from '@kaifang/sdk';

/** Field rules shared by registration, profile updates and the admin screens. */
export const fields = {
  loginName: Joi.string()
    .trim()
    .pattern(/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/)
    .messages({
      'string.pattern.base':
        '"loginName" must be 4–32 characters: a letter first, then letters, digits, _ . or -',
    }),
  password: Joi.string().max(128),
  realName: Joi.string().trim().min(2).max(64),
  // Upper-cased so that a lower-case check character `x` is accepted.
  idNumber: Joi.string()
    .trim()
    .uppercase()
    .pattern(/^\d{17}[\dX]$/)
    .messages({
      'string.pattern.base': '"idNumber" must be 18 characters: 17 digits and a digit or X',
    }),
  gender: Joi.string().valid('male', 'female', 'unspecified'),
  mobile: Joi.string()
    .trim()
    .pattern(/^1[3-9]\d{9}$/)
    .messages({ 'string.pattern.base': '"mobile" must be an 11-digit mainland mobile number' }),
  email: Joi.string().trim().lowercase().email({ tlds: false }).max(254),
  industry: Joi.string().trim().max(64).allow(''),
  occupation: Joi.string().trim().max(64).allow(''),
};
