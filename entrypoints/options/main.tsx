import { render } from 'preact';
import { browser } from 'wxt/browser';
import App from './App';
import '@/components/ui.css';

document.documentElement.lang =
  browser.i18n.getUILanguage().split('-')[0] ?? 'en';
document.title = browser.i18n.getMessage('optionsTitle');
render(<App />, document.getElementById('app')!);
