/* qingdan filters: narrow the needs and supply indexes and a street's
 * needs by place, category, status, budget and deadline, with live counts,
 * over the index's data file (src/site/filter_data.h documents it). A
 * progressive enhancement: without JavaScript the section links to the
 * pages by street, category and status. The data is fetched only when a
 * reader asks to filter, or when the address already carries filters (a
 * shared link). ES5 with Promise and XMLHttpRequest; the results are built
 * as page elements (textContent), never as HTML text. */
(function () {
	'use strict';
	var box = document.getElementById('filters');
	if (!box || !window.XMLHttpRequest || !window.Promise || !window.history) return;
	var base = box.getAttribute('data-base') || '/';
	var formBox = document.getElementById('filter-form');
	var countEl = document.getElementById('filter-count');
	var results = document.getElementById('filter-results');
	var SHOW = 50;
	var BUDGETS = [
		['lt5', '5万元以下', 0, 5], ['5-10', '5–10万元', 5, 10], ['10-20', '10–20万元', 10, 20],
		['20-50', '20–50万元', 20, 50], ['ge50', '50万元及以上', 50, Infinity], ['none', '未标明预算', null, null]
	];
	var DUES = [['7', '7天内截止', 7], ['30', '30天内截止', 30], ['90', '90天内截止', 90]];
	var data = null, today = 0, facets = [], state = {};

	function el(tag, attrs, text) {
		var e = document.createElement(tag);
		for (var k in attrs) if (attrs.hasOwnProperty(k)) e.setAttribute(k, attrs[k]);
		if (text != null) e.textContent = text;
		return e;
	}
	function day(iso) { /* days since 1970-01-01 */
		var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
		return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5 : null;
	}
	function dateZh(iso) {
		var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
		return m ? +m[1] + '年' + +m[2] + '月' + +m[3] + '日' : '';
	}

	/* ---- the facets: each a key of the address, its options, and how
	 * an item reads it ([url, title, org, num, budget, deadline, status,
	 * district, street, community, category]) ---- */
	function tableFacet(key, label, table, col) {
		return {
			key: key, label: label,
			options: table.map(function (t, i) { return { value: t[0], label: t[1], index: i }; }),
			test: function (it, v) { return String(it[col]) === v; },
			valueOf: function (opt) { return String(opt.index); }
		};
	}
	function setup() {
		var d = data, f = [];
		if (d.districts.length > 1) f.push(tableFacet('district', '区（市）县', d.districts, 7));
		if (d.streets.length > 1) f.push(tableFacet('street', '街道', d.streets, 8));
		if (d.communities.length > 1) f.push(tableFacet('community', '社区', d.communities, 9));
		if (d.categories.length > 1) f.push(tableFacet('cat', '类别', d.categories, 10));
		if (d.statuses.length > 1) f.push(tableFacet('status', '状态', d.statuses, 6));
		if (d.items.some(function (it) { return it[4] != null; }))
			f.push({
				key: 'budget', label: '预算',
				options: BUDGETS.map(function (b) { return { value: b[0], label: b[1], b: b }; }),
				test: function (it, v) {
					var b = BUDGETS.filter(function (x) { return x[0] === v; })[0];
					if (!b) return false;
					if (b[2] === null) return it[4] == null;
					return it[4] != null && it[4] >= b[2] && it[4] < b[3];
				},
				valueOf: function (opt) { return opt.value; }
			});
		if (d.items.some(function (it) { var x = day(it[5]); return x !== null && x >= today; }))
			f.push({
				key: 'due', label: '截止日期',
				options: DUES.map(function (x) { return { value: x[0], label: x[1] }; }),
				test: function (it, v) {
					var n = +v, x = day(it[5]);
					return x !== null && x >= today && x <= today + n;
				},
				valueOf: function (opt) { return opt.value; }
			});
		/* the address and the options agree on ids; tests compare indexes */
		f.forEach(function (fc) {
			fc.byValue = {};
			fc.options.forEach(function (o) { fc.byValue[o.value] = o; });
		});
		facets = f;
	}
	function matches(it, except) {
		for (var i = 0; i < facets.length; i++) {
			var fc = facets[i], v = state[fc.key];
			if (!v || fc === except) continue;
			if (!fc.test(it, fc.valueOf(fc.byValue[v]))) return false;
		}
		return true;
	}

	/* ---- the form ---- */
	function build() {
		formBox.textContent = '';
		var form = el('form', { 'class': 'filter-form', id: 'filter-fields' });
		facets.forEach(function (fc) {
			var id = 'f-' + fc.key, p = el('p', { 'class': 'filter-field' });
			p.appendChild(el('label', { 'for': id }, fc.label));
			var sel = el('select', { id: id, name: fc.key });
			sel.appendChild(el('option', { value: '' }, '全部'));
			fc.options.forEach(function (o) { sel.appendChild(el('option', { value: o.value }, o.label)); });
			sel.value = state[fc.key] || '';
			sel.addEventListener('change', function () {
				if (sel.value) state[fc.key] = sel.value; else delete state[fc.key];
				apply(true);
			});
			fc.select = sel;
			p.appendChild(sel);
			form.appendChild(p);
		});
		var clear = el('button', { type: 'button', id: 'filter-clear', 'class': 'more' }, '清除筛选');
		clear.addEventListener('click', function () { state = {}; facets.forEach(function (fc) { fc.select.value = ''; }); apply(true); });
		form.appendChild(clear);
		form.addEventListener('submit', function (e) { e.preventDefault(); });
		formBox.appendChild(form);
		formBox.hidden = false;
	}
	function label(text, n) { return text + '（' + n + '）'; }
	function apply(push) {
		var active = facets.some(function (fc) { return state[fc.key]; });
		/* each option's count: the items that match every other facet and it */
		facets.forEach(function (fc) {
			var counts = {}, all = 0;
			data.items.forEach(function (it) {
				if (!matches(it, fc)) return;
				all++;
				fc.options.forEach(function (o) { if (fc.test(it, fc.valueOf(o))) counts[o.value] = (counts[o.value] || 0) + 1; });
			});
			var opts = fc.select.options;
			opts[0].textContent = label('全部', all);
			for (var i = 1; i < opts.length; i++) {
				var o = fc.byValue[opts[i].value];
				opts[i].textContent = label(o.label, counts[o.value] || 0);
				opts[i].setAttribute('data-count', counts[o.value] || 0);
			}
			opts[0].setAttribute('data-count', all);
		});
		var hit = data.items.filter(function (it) { return matches(it, null); });
		countEl.textContent = active ? '符合条件的共 ' + hit.length + ' 项' : '共 ' + hit.length + ' 项，选择条件即可筛选';
		countEl.setAttribute('data-count', hit.length);
		var hide = document.querySelectorAll('[data-filter-hide], .pager');
		for (var i = 0; i < hide.length; i++) hide[i].hidden = active;
		show(active ? hit : []);
		if (push) {
			var q = facets.filter(function (fc) { return state[fc.key]; })
				.map(function (fc) { return fc.key + '=' + encodeURIComponent(state[fc.key]); }).join('&');
			history.replaceState(null, '', location.pathname + (q ? '?' + q : '') + location.hash);
		}
	}
	function show(items) {
		results.textContent = '';
		if (!items.length) return;
		var list = el('ol', { 'class': 'results filter-list' }), shown = 0;
		results.appendChild(list);
		function more() {
			items.slice(shown, shown + SHOW).forEach(function (it) {
				var li = el('li', { 'class': 'result' }), h = el('h3', { 'class': 'result-title' });
				var a = el('a', { href: base + it[0] }, it[1]);
				h.appendChild(a);
				li.appendChild(h);
				var p = el('p', { 'class': 'result-meta' }), parts = [];
				if (it[2]) parts.push(it[2]);
				else if (it[9] >= 0) parts.push(data.communities[it[9]][1]);
				else if (it[8] >= 0) parts.push(data.streets[it[8]][1]);
				if (it[10] >= 0) parts.push(data.categories[it[10]][1]);
				if (it[3]) parts.push(it[2] ? it[3] : '预算 ' + it[3] + ' 万元');
				if (it[6] >= 0) parts.push(data.statuses[it[6]][1]);
				if (it[5]) parts.push('截止 ' + dateZh(it[5]));
				parts.forEach(function (t) { p.appendChild(el('span', null, t)); });
				li.appendChild(p);
				list.appendChild(li);
			});
			shown = Math.min(items.length, shown + SHOW);
			var old = document.getElementById('filter-more');
			if (old) old.parentNode.removeChild(old);
			if (shown < items.length) {
				var b = el('button', { type: 'button', id: 'filter-more', 'class': 'more' },
					'显示更多（还有 ' + (items.length - shown) + ' 项）');
				b.addEventListener('click', more);
				results.appendChild(b);
			}
		}
		more();
	}

	/* ---- start ---- */
	function load() {
		return new Promise(function (ok, fail) {
			var x = new XMLHttpRequest();
			x.open('GET', box.getAttribute('data-src'));
			x.onload = function () {
				if (x.status !== 200 && x.status !== 0) return fail(new Error(String(x.status)));
				try { ok(JSON.parse(x.responseText)); } catch (e) { fail(e); }
			};
			x.onerror = function () { fail(new Error('network')); };
			x.send();
		});
	}
	function readAddress() {
		var out = {}, q = location.search.replace(/^\?/, '');
		q.split('&').forEach(function (kv) {
			var i = kv.indexOf('=');
			if (i < 1) return;
			try { out[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' ')); } catch (e) { /* skip */ }
		});
		return out;
	}
	function start() {
		formBox.hidden = false;
		formBox.textContent = '';
		countEl.textContent = '正在载入…';
		return load().then(function (d) {
			data = d;
			today = day(d.today);
			setup();
			var asked = readAddress();
			state = {};
			facets.forEach(function (fc) { if (asked[fc.key] && fc.byValue[asked[fc.key]]) state[fc.key] = asked[fc.key]; });
			build();
			apply(false);
			box.setAttribute('data-ready', 'true');
		}).catch(function () {
			countEl.textContent = '筛选数据没能载入，请刷新页面后再试，或按上面的链接浏览。';
		});
	}
	var known = ['district', 'street', 'community', 'cat', 'status', 'budget', 'due'];
	var asked = readAddress();
	if (known.some(function (k) { return asked[k]; })) {
		start();
	} else {
		var open = el('button', { type: 'button', id: 'filter-open', 'class': 'more' }, '按条件筛选');
		open.addEventListener('click', function () { start(); });
		formBox.appendChild(open);
		formBox.hidden = false;
	}
})();
