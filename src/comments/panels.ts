import type { ReactiveElement } from 'lit';
import { focusOn } from '../ui/focus.js';

/** A kind of panel under a comment: its reply box, its edit box, the delete question or a report. */
export type PanelKind = 'reply' | 'edit' | 'delete' | 'report';

/** The open panel: which kind, under which comment. */
export interface Open {
  kind: PanelKind;
  id: string;
}

/** A comment's `article` (by the id on its `li`). */
export const articleOf = (id: string): string => `li[data-id="${CSS.escape(id)}"]>article`;

/**
 * The panels under the comments of one `<experience-comments>`: at most one open at a time, the
 * focus moved into it and back to the button that opened it, one action of a panel (delete,
 * report) in flight at a time, and why the last one failed.
 */
export class PanelsController {
  open: Open | null = null;
  /** Why the last delete or report failed, shown in its panel. */
  error = '';
  /** The comments this reader reported, which say thank you instead of offering it again. */
  readonly reported = new Set<string>();
  private busy = false;

  constructor(private host: ReactiveElement) {}

  /** The panel `kind` of the comment `id` is opened, or closed when it is the open one. */
  toggle(kind: PanelKind, id: string): void {
    if (this.open?.id === id && this.open.kind === kind) return this.close();
    this.open = { kind, id };
    this.error = '';
    this.host.requestUpdate();
    void focusOn(this.host, `${articleOf(id)}~[data-panel] :is(textarea,input,[data-act=close])`);
  }

  /** Closes the open panel and (unless told otherwise) gives the focus back to the button that opened it. */
  close(returnFocus = true): void {
    const { open } = this;
    if (!open) return;
    this.open = null;
    this.host.requestUpdate();
    if (returnFocus) void focusOn(this.host, `${articleOf(open.id)} [data-act=${open.kind}]`);
  }

  /**
   * Runs a panel's action, unless one is in flight. On success the panel closes and this resolves
   * true; on failure the panel shows `explain(error)`.
   */
  async run(task: () => Promise<unknown>, explain: (e: unknown) => string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      await task();
      this.open = null;
      return true;
    } catch (e) {
      this.error = explain(e);
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Another thread: nothing open, nothing reported. */
  reset(): void {
    this.open = null;
    this.error = '';
    this.reported.clear();
  }
}
