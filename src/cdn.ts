/** The script-tag entry: defines the elements and exposes the exports as `window.ExperienceWidgets`. */
import * as ExperienceWidgets from './index.js';

declare global {
  interface Window {
    ExperienceWidgets: typeof ExperienceWidgets;
  }
}

window.ExperienceWidgets = ExperienceWidgets;
