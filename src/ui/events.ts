/** Every widget event bubbles out of the shadow root, with its data in `detail`. */
export const eventInit = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });
