/**
 * The search box's suggestions while typing on a page that is not hydrated (see static-page.ts): an inline
 * script right after the server-rendered SearchBox (`document.currentScript.previousElementSibling` is its
 * <form>). Same markup and endpoint as the React SearchBox: a list of links labelled 搜索建议 under the
 * field, text set with textContent (never HTML). Keyboard: ↓ from the field enters the list, ↑/↓ move
 * between suggestions, Esc closes it and returns to the field; Tab reaches the links as usual.
 * Plain ES2017, about 0.7 kB gzip, counted in `npm run bench:weight`; keep it free of `</script`. Only the
 * server renders it: behind `import.meta.env.SSR` it stays out of the browser bundles.
 */
export const SUGGEST_SCRIPT = !import.meta.env.SSR ? "" : `(function(f){
var i=f.querySelector("input[name=q]"),t,n=0,u=null;
function close(){n++;if(u){u.remove();u=null}}
function links(){return u?[].slice.call(u.querySelectorAll("a")):[]}
i.addEventListener("input",function(){
clearTimeout(t);close();var q=i.value.trim();if(!q)return;var k=n;
t=setTimeout(function(){fetch("/api/v1/search?suggest=1&q="+encodeURIComponent(i.value)).then(function(r){return r.json()}).then(function(d){
if(k!==n||!d.results.length)return;
u=document.createElement("ul");u.className="suggestions";u.setAttribute("aria-label","搜索建议");
d.results.forEach(function(s){var a=document.createElement("a"),l=document.createElement("li");a.href="/items/"+s.id;
s.highlight.forEach(function(p){var e=document.createElement(p.match?"mark":"span");e.textContent=p.text;a.appendChild(e)});
l.appendChild(a);u.appendChild(l)});
f.appendChild(u)}).catch(function(){})},200)});
f.addEventListener("keydown",function(e){
var a=links(),j=a.indexOf(document.activeElement);if(!a.length)return;
if(e.key==="Escape"){close();i.focus()}
else if(e.key==="ArrowDown"&&j<a.length-1)a[j+1].focus();
else if(e.key==="ArrowUp"&&j>=0)(j?a[j-1]:i).focus();
else return;e.preventDefault()})
})(document.currentScript.previousElementSibling)`;
