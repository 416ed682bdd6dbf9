/**
 * The field dictionary part of the dataset form (数据项): one row per field with its label,
 * type, unit, description and code list. Fields normally come from loaded data, so a stored
 * field's name is shown, not edited (the datastore keeps labels by name; renaming would orphan
 * them): remove the row and add another instead. Rows added here get a name box.
 */
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { FIELD_TYPES } from '../model.ts';
import { say } from './admin-text.ts';
import type { FieldDraft } from './editor-model.ts';
import { errorNote, errorState } from './form-errors.ts';

const TYPE_LABELS: Record<(typeof FIELD_TYPES)[number], [string, string]> = {
  string: ['字符串', 'Text'],
  integer: ['整数', 'Integer'],
  decimal: ['小数', 'Decimal'],
  date: ['日期', 'Date'],
  datetime: ['日期时间', 'Date and time'],
  boolean: ['布尔', 'Yes/no'],
  text: ['长文本', 'Long text'],
};

export interface FieldsEditor {
  locale: string;
  fields: FieldDraft[];
  errors: ReadonlyMap<string, string[]>;
  change(index: number, patch: Partial<FieldDraft>): void;
  add(): void;
  remove(index: number): void;
}

const value = (event: Event) => (event.target as HTMLInputElement).value;

export function renderFields(editor: FieldsEditor) {
  const { locale: l, errors } = editor;
  const rowName = (field: FieldDraft, index: number) =>
    field.name || say(l, 'fieldRow', { n: index + 1 });
  const cell = (
    index: number,
    part: 'name' | 'label' | 'unit' | 'description' | 'dictionary',
    field: FieldDraft,
    multiline = false,
  ) => {
    const key = `fields[${index}].${part}`;
    const state = errorState(errors, key);
    const label = `${rowName(field, index)} ${say(l, part === 'name' ? 'fieldName' : part === 'label' ? 'fieldLabel' : part === 'unit' ? 'fieldUnit' : part === 'description' ? 'fieldDescription' : 'fieldDictionary')}`;
    const input = multiline
      ? html`<textarea
          rows="2"
          data-key=${key}
          data-label=${label}
          aria-label=${label}
          aria-invalid=${state.invalid}
          aria-describedby=${state.describedby}
          .value=${field[part]}
          @input=${(e: Event) => editor.change(index, { [part]: value(e) })}
        ></textarea>`
      : html`<input
          data-key=${key}
          data-label=${label}
          aria-label=${label}
          aria-invalid=${state.invalid}
          aria-describedby=${state.describedby}
          .value=${field[part]}
          @input=${(e: Event) => editor.change(index, { [part]: value(e) })}
        />`;
    return html`<td>${input}${errorNote(errors, key)}</td>`;
  };
  return html`
    <p class="hint" id="fields-hint">${say(l, 'fieldsHint')}</p>
    ${errorNote(errors, 'fields')} ${errorNote(errors, 'primaryKey')}
    ${
      editor.fields.length === 0
        ? html`<p class="muted">${say(l, 'noFields')}</p>`
        : html`<div class="scroll" part="fields">
          <table class="fields">
            <thead>
              <tr>
                <th scope="col">${say(l, 'fieldName')}</th>
                <th scope="col">${say(l, 'fieldLabel')}</th>
                <th scope="col">${say(l, 'fieldType')}</th>
                <th scope="col">${say(l, 'fieldUnit')}</th>
                <th scope="col">${say(l, 'fieldDescription')}</th>
                <th scope="col">${say(l, 'fieldDictionary')}</th>
                <th scope="col"><span class="visually-hidden">${say(l, 'actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${repeat(
                editor.fields,
                (field) => field.key,
                (field, index) => {
                  const typeKey = `fields[${index}].type`;
                  const typeState = errorState(errors, typeKey);
                  const typeLabel = `${rowName(field, index)} ${say(l, 'fieldType')}`;
                  return html`<tr>
                    ${
                      field.stored
                        ? html`<th scope="row"><code>${field.name}</code>${errorNote(errors, `fields[${index}].name`)}</th>`
                        : cell(index, 'name', field)
                    }
                    ${cell(index, 'label', field)}
                    <td>
                      <select
                        data-key=${typeKey}
                        data-label=${typeLabel}
                        aria-label=${typeLabel}
                        aria-invalid=${typeState.invalid}
                        aria-describedby=${typeState.describedby}
                        @change=${(e: Event) =>
                          editor.change(index, { type: value(e) as FieldDraft['type'] })}
                      >
                        ${FIELD_TYPES.map(
                          (type) =>
                            html`<option value=${type} ?selected=${type === field.type}>${TYPE_LABELS[type][l === 'en' ? 1 : 0]}</option>`,
                        )}
                      </select>
                      ${errorNote(errors, typeKey)}
                    </td>
                    ${cell(index, 'unit', field)} ${cell(index, 'description', field, true)}
                    ${cell(index, 'dictionary', field, true)}
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        aria-label=${say(l, 'removeField', { name: rowName(field, index) })}
                        @click=${() => editor.remove(index)}
                      >
                        ${say(l, 'remove')}
                      </button>
                    </td>
                  </tr>`;
                },
              )}
            </tbody>
          </table>
        </div>`
    }
    <p><button type="button" class="secondary" @click=${() => editor.add()}>${say(l, 'addField')}</button></p>
  `;
}
