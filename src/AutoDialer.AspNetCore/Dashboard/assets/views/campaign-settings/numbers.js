// The caller numbers the campaign shows (caller_numbers): a row each with its id, number, area (an area code, with the
// city named where it is a known one), the province and city it is local to (中文; left empty: the metadata's from the
// number, which local presence uses) and daily cap; add and remove rows. An id left empty is the number itself.
import { append, attrs, html } from '../../lib/html.js';
import { language, t } from '../../lib/i18n.js';
import { intOf } from './fields.js';

export const id = 'numbers';
export const titleKey = 'set_numbers';

/** Area codes of the larger cities, to pick by city name; any other code may be typed. */
const cities = [
  ['010', '北京', 'Beijing'], ['021', '上海', 'Shanghai'], ['020', '广州', 'Guangzhou'], ['0755', '深圳', 'Shenzhen'], ['022', '天津', 'Tianjin'],
  ['023', '重庆', 'Chongqing'], ['024', '沈阳', 'Shenyang'], ['025', '南京', 'Nanjing'], ['027', '武汉', 'Wuhan'], ['028', '成都', 'Chengdu'],
  ['029', '西安', "Xi'an"], ['0571', '杭州', 'Hangzhou'], ['0512', '苏州', 'Suzhou'], ['0532', '青岛', 'Qingdao'], ['0531', '济南', 'Jinan'],
  ['0371', '郑州', 'Zhengzhou'], ['0731', '长沙', 'Changsha'], ['0591', '福州', 'Fuzhou'], ['0592', '厦门', 'Xiamen'], ['0871', '昆明', 'Kunming'],
  ['0451', '哈尔滨', 'Harbin'], ['0431', '长春', 'Changchun'], ['0311', '石家庄', 'Shijiazhuang'], ['0551', '合肥', 'Hefei'], ['0791', '南昌', 'Nanchang'],
  ['0771', '南宁', 'Nanning'], ['0851', '贵阳', 'Guiyang'], ['0898', '海口', 'Haikou'], ['0351', '太原', 'Taiyuan'], ['0471', '呼和浩特', 'Hohhot'],
  ['0931', '兰州', 'Lanzhou'], ['0991', '乌鲁木齐', 'Ürümqi'], ['0574', '宁波', 'Ningbo'], ['0757', '佛山', 'Foshan'], ['0769', '东莞', 'Dongguan'],
];

function cityOf(code) {
  const city = cities.find(c => c[0] === code);
  return city ? (language() === 'zh' ? city[1] : city[2]) : '';
}

function row(number) {
  return html`<tr data-number-row><td><input name="id" class="w-id" ${attrs({ value: number.id })} placeholder="${t('set_number_id_placeholder')}"></td>
    <td><input name="number" class="w-number" inputmode="tel" ${attrs({ value: number.number })} placeholder="+861062345678"></td>
    <td><input name="area_code" class="w-area" list="area-codes" ${attrs({ value: number.area_code ?? '' })}> <span class="muted small" data-city>${cityOf(number.area_code ?? '')}</span></td>
    <td><input name="province" class="w-area" ${attrs({ value: number.province ?? '' })} placeholder="${t('set_place_from_number')}" data-testid="number-province"></td>
    <td><input name="city" class="w-area" ${attrs({ value: number.city ?? '' })} placeholder="${t('set_place_from_number')}" data-testid="number-city"></td>
    <td><input name="daily_cap" class="w-int" inputmode="numeric" ${attrs({ value: number.daily_cap ?? 0 })}></td>
    <td><button type="button" class="link" data-remove-number>${t('remove')}</button></td></tr>`;
}

export function render(settings) {
  return html`<datalist id="area-codes">${cities.map(c => html`<option ${attrs({ value: c[0] })}>${c[1]} ${c[2]}</option>`)}</datalist>
    <div class="scroll"><table class="compact" data-field="caller_numbers" data-testid="caller-numbers"><thead><tr><th>${t('set_number_id')}</th><th>${t('number')}</th>
      <th>${t('set_area')}</th><th>${t('set_province')}</th><th>${t('set_city')}</th><th>${t('set_daily_cap')}</th><th></th></tr></thead>
      <tbody id="number-rows">${settings.caller_numbers.map(row)}</tbody></table></div>
    <p><button type="button" class="secondary" id="add-number" data-testid="add-number">${t('set_add_number')}</button></p>
    <p class="muted small">${t('set_numbers_hint')}</p>`;
}

export function mount(root) {
  const rows = root.querySelector('#number-rows');
  root.querySelector('#add-number').addEventListener('click', () => {
    append(rows, row({ id: '', number: '', area_code: '', daily_cap: 0 }));
    rows.lastElementChild.querySelector('[name=number]').focus();
  });
  root.addEventListener('click', e => { if (e.target.closest('[data-remove-number]')) e.target.closest('tr').remove(); });
  root.addEventListener('input', e => {
    if (e.target.name === 'area_code') e.target.closest('td').querySelector('[data-city]').textContent = cityOf(e.target.value.trim());
  });
}

export function read(form) {
  const rows = [...form.querySelectorAll('[data-section="numbers"] [data-number-row]')];
  return {
    caller_numbers: rows.map((tr, i) => {
      const input = name => tr.querySelector(`[name=${name}]`);
      tr.dataset.field = `caller_numbers[${i}]`;
      for (const name of ['id', 'number', 'area_code', 'province', 'city', 'daily_cap']) input(name).dataset.field = `caller_numbers[${i}].${name}`;
      const number = input('number').value.trim();
      return {
        id: input('id').value.trim() || number,
        number,
        area_code: input('area_code').value.trim() || null,
        // Empty: the metadata's place from the number; a user-set one wins over it.
        province: input('province').value.trim() || null,
        city: input('city').value.trim() || null,
        daily_cap: intOf(input('daily_cap')) ?? 0,
      };
    }),
  };
}
