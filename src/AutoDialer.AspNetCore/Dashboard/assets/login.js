// The sign-in page's words in the dashboard's language: the saved choice, else the browser's language.
const zh = { title: '登录', bad: '用户名或密码错误。', 'l-user': '用户名', 'l-password': '密码', submit: '登录' };

const language = localStorage.getItem('autodialer.lang') || (navigator.languages?.[0] ?? navigator.language ?? 'en');
if (language.toLowerCase().startsWith('zh')) {
  document.documentElement.lang = 'zh';
  for (const [id, text] of Object.entries(zh)) document.getElementById(id).textContent = text;
}
