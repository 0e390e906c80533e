// The problems panel: what the hub refused or could not answer, said once each, in words a person
// can act on. Built with textContent only: the messages come from the hub.
import { describeFieldErrors } from "./hub-client.js";

/**
 * The problems panel: fields a mandate refused, named by schema coordinate with the hub's reason,
 * and other messages, each listed once however many provinces it concerned.
 */
export class Problems {
  constructor(element) {
    this.element = element;
    this.refused = new Map();
    this.other = new Set();
  }

  add(errors) {
    const { refused, other } = describeFieldErrors(errors);
    for (const [field, message] of refused) if (!this.refused.has(field)) this.refused.set(field, message);
    for (const message of other) this.other.add(message);
    this.render();
  }

  note(message) {
    this.other.add(message);
    this.render();
  }

  render() {
    const parts = [];
    if (this.refused.size > 0) {
      parts.push(heading("Trường bị từ chối (không có thẩm quyền) · Fields refused by the mandates:"));
      parts.push(list([...this.refused].map(([field, message]) => [field, ` — ${message}`])));
    }
    if (this.other.size > 0) {
      parts.push(heading("Lỗi · Errors:"));
      parts.push(list([...this.other].map((message) => [null, message])));
    }
    this.element.replaceChildren(...parts);
  }
}

function heading(text) {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

function list(items) {
  const ul = document.createElement("ul");
  for (const [code, text] of items) {
    const li = document.createElement("li");
    if (code) {
      const c = document.createElement("code");
      c.textContent = code;
      li.append(c);
    }
    li.append(text);
    ul.append(li);
  }
  return ul;
}
