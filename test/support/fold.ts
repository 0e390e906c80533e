/**
 * An independent statement of what "ignoring case and diacritics" means, to check the database's
 * search against: NFD, drop combining marks, đ → d, lower case.
 */
export function foldVietnamese(text: string): string {
  return text
    .replace(/[đĐ]/g, "d")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}
