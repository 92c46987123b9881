// The menu's groups are <details> that work without this file; it only closes an open group when the user
// clicks elsewhere or presses Escape, as a menu does.
document.addEventListener("click", (event) => {
  for (const group of document.querySelectorAll(".mainnav details.nav-group[open]")) {
    if (!group.contains(event.target)) group.open = false;
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const group of document.querySelectorAll(".mainnav details.nav-group[open]")) {
    group.open = false;
    group.querySelector("summary").focus();
  }
});
// A "Print" button (data-print) prints the page; the print style leaves the menus out.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
