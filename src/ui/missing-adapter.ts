import { html, type TemplateResult } from 'lit';

/**
 * What a widget shows in place of its content when it has no backend (`missingAdapter` of
 * `ExperienceWidget`): `message`, as an error, inline so that it also fits a count in a line of text.
 */
export const missingAdapterNotice = (message: string): TemplateResult => html`<span part="error" role="alert">${message}</span>`;
