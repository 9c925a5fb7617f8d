/* qingdan search: runs the search page (templates/search.mustache) over the
 * index files qingdan wrote (src/site/search_files.h documents them), so
 * that a query downloads only the files of its own terms and the result
 * lines it shows. Exact: a record is found when its folded title or text
 * contains every word of the query, and no other is (src/derive/search.h
 * is the same query in C). Written for old WebViews (WeChat's): ES5 with
 * Promise, XMLHttpRequest and Uint8Array; no framework, no Intl.Segmenter,
 * no WebAssembly. Results are built as DOM nodes (textContent), never as
 * HTML text. */
(function () {
	'use strict';
	var box = document.getElementById('search-results');
	if (!box || !window.Uint8Array || !window.Promise || !window.XMLHttpRequest) return;
	var form = document.getElementById('search-form');
	var input = document.getElementById('search-q');
	var status = document.getElementById('search-status');
	var dir = box.getAttribute('data-index');
	var NB = +box.getAttribute('data-buckets');
	var PER = +box.getAttribute('data-per');
	var NDOCS = +box.getAttribute('data-docs');
	var SHOW = 20;

	/* ---- folding: as src/derive/fold.c ---- */
	var t2s = {};
	(function () {
		var el = document.getElementById('search-t2s');
		var s = el ? JSON.parse(el.textContent) : '';
		var cps = Array.from ? Array.from(s) : s.split('');
		for (var i = 0; i + 1 < cps.length; i += 2) t2s[cps[i].codePointAt(0)] = cps[i + 1].codePointAt(0);
	})();
	function isSpace(c) { return c === 32 || (c >= 9 && c <= 13); }
	function foldCp(c) {
		if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFF01 - 0x21;
		else if (c === 0x3000) c = 32;
		if (c >= 65 && c <= 90) return c + 32;
		var s = t2s[c];
		return s === undefined ? c : s;
	}
	/* the code points of s (folded), a space as 0 */
	function fold(s) {
		var out = [];
		for (var i = 0; i < s.length; i++) {
			var c = s.codePointAt(i);
			if (c > 0xFFFF) i++;
			c = foldCp(c);
			out.push(isSpace(c) ? 0 : c);
		}
		return out;
	}
	function words(cps) {
		var w = [], cur = [];
		for (var i = 0; i <= cps.length; i++) {
			if (i === cps.length || cps[i] === 0) {
				if (cur.length) w.push(cur);
				cur = [];
			} else cur.push(cps[i]);
		}
		return w;
	}

	/* ---- files ---- */
	var cache = {};
	function get(name, binary) {
		if (cache[name]) return cache[name];
		var p = new Promise(function (ok, fail) {
			var x = new XMLHttpRequest();
			x.open('GET', dir + name);
			x.responseType = binary ? 'arraybuffer' : 'text';
			x.onload = function () {
				if (x.status !== 200 && x.status !== 0) return fail(new Error(name + ': ' + x.status));
				try { ok(binary ? new Uint8Array(x.response) : JSON.parse(x.responseText)); } catch (e) { fail(e); }
			};
			x.onerror = function () { fail(new Error(name)); };
			x.send();
		});
		cache[name] = p;
		p.catch(function () { delete cache[name]; });
		return p;
	}
	/* as sfile_bucket (src/site/search_files.c) */
	function bucket(a, b) {
		var h = (Math.imul(a, 0x9E3779B1) + Math.imul(b, 0x85EBCA77)) >>> 0;
		h = (h ^ (h >>> 15)) >>> 0;
		h = Math.imul(h, 0x2C1B3C6D) >>> 0;
		h = (h ^ (h >>> 12)) >>> 0;
		return h & (NB - 1);
	}
	function reader(u8) {
		var at = 0;
		return {
			more: function () { return at < u8.length; },
			num: function () {
				var v = 0, shift = 0, c;
				do { c = u8[at++]; v += (c & 0x7F) * Math.pow(2, shift); shift += 7; } while (c & 0x80);
				return v;
			},
			skip: function (n) { var from = at; at += n; return u8.subarray(from, at); }
		};
	}
	/* a bucket file as { "a,b": bytes } */
	var parsed = {};
	function table(kind, k) {
		var name = kind + k + '.bin';
		if (parsed[name]) return Promise.resolve(parsed[name]);
		return get(name, true).then(function (u8) {
			var t = {}, r = reader(u8);
			while (r.more()) {
				var a = r.num(), b = r.num(), n = kind === 'd' ? r.num() : 0, len = r.num();
				t[a + ',' + b] = { n: n, bytes: r.skip(len) };
			}
			return (parsed[name] = t);
		});
	}
	/* a term's documents: { doc: [], title: [] }, or null */
	function docsOf(a, b) {
		return table('d', bucket(a, b)).then(function (t) {
			var e = t[a + ',' + b];
			if (!e) return null;
			var r = reader(e.bytes), doc = [], title = [], d = 0;
			for (var i = 0; i < e.n; i++) {
				var v = r.num();
				d += Math.floor(v / 2);
				doc.push(d);
				title.push(v & 1);
			}
			return { doc: doc, title: title };
		});
	}
	/* a pair's places, per document of its list: [[place * 2 + in the
	 * title, ...], ...] */
	function placesOf(a, b, n) {
		return table('p', bucket(a, b)).then(function (t) {
			var e = t[a + ',' + b], r = reader(e.bytes), out = [];
			/* per document: (place + 1 - previous) * 2 + in the title,
			 * "previous" the last place + 1 (at first 0), then a 0 */
			for (var i = 0; i < n; i++) {
				var at = [], p = 0, v;
				while ((v = r.num()) !== 0) {
					p += Math.floor(v / 2);
					at.push((p - 1) * 2 + (v & 1));
				}
				out.push(at);
			}
			return out;
		});
	}

	/* ---- the query: as si_search (src/derive/search.c) ---- */
	/* one word's documents: per document 2 (in the title), 1 (in the
	 * text) or 0 */
	function matchWord(w) {
		var k = w.length, terms = [];
		if (k === 1) terms.push([w[0], 0]);
		for (var i = 0; i + 1 < k; i++) terms.push([w[i], w[i + 1]]);
		return Promise.all(terms.map(function (t) { return docsOf(t[0], t[1]); })).then(function (lists) {
			var hit = new Uint8Array(NDOCS);
			if (lists.some(function (l) { return !l; })) return hit;
			if (k <= 2) {
				var l0 = lists[0];
				for (var j = 0; j < l0.doc.length; j++) hit[l0.doc[j]] = l0.title[j] ? 2 : 1;
				return hit;
			}
			return Promise.all(terms.map(function (t, i) {
				return placesOf(t[0], t[1], lists[i].doc.length);
			})).then(function (places) {
				/* the documents every pair is in, then the pairs standing
				 * one after another */
				var cur = lists.map(function () { return 0; });
				for (;;) {
					var top = -1, end = false;
					lists.forEach(function (l, i) { if (cur[i] >= l.doc.length) end = true; else if (l.doc[cur[i]] > top) top = l.doc[cur[i]]; });
					if (end) break;
					var same = true;
					lists.forEach(function (l, i) {
						while (cur[i] < l.doc.length && l.doc[cur[i]] < top) { cur[i]++; same = false; }
					});
					if (!same) continue;
					var first = places[0][cur[0]], best = 0;
					for (var s = 0; s < first.length && best < 2; s++) {
						var p = first[s] >> 1, all = true;
						for (var j = 1; j < lists.length && all; j++) {
							var want = (p + j) * 2, at = places[j][cur[j]];
							all = at.indexOf(want) >= 0 || at.indexOf(want + 1) >= 0;
						}
						if (all) best = Math.max(best, (first[s] & 1) ? 2 : 1);
					}
					if (best) hit[top] = best;
					for (var i2 = 0; i2 < cur.length; i2++) cur[i2]++;
				}
				return hit;
			});
		});
	}
	/* the documents of a query: { docs: [...], title: n } (title matches
	 * first, each group by rank) */
	function search(q) {
		var ws = words(fold(q));
		if (!ws.length) return Promise.resolve({ docs: [], title: 0 });
		return Promise.all(ws.map(matchWord)).then(function (hits) {
			var all = hits[0], d;
			for (var i = 1; i < hits.length; i++)
				for (d = 0; d < NDOCS; d++)
					if (all[d]) all[d] = hits[i][d] < all[d] ? hits[i][d] : all[d];
			var title = [], text = [];
			for (d = 0; d < NDOCS; d++)
				if (all[d]) (all[d] === 2 ? title : text).push(d);
			return { docs: title.concat(text), title: title.length, words: ws };
		});
	}
	/* the result lines of some documents, in their order */
	function lines(docs) {
		var files = {};
		docs.forEach(function (d) { files[Math.floor(d / PER)] = true; });
		return Promise.all(Object.keys(files).map(function (k) {
			return get('m' + k + '.json').then(function (v) { files[k] = v; });
		})).then(function () {
			return docs.map(function (d) { return files[Math.floor(d / PER)][d % PER]; });
		});
	}
	window.qdSearch = { search: search, lines: lines, fold: fold };

	/* ---- the page ---- */
	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text) e.textContent = text;
		return e;
	}
	/* the title, each place a word of the query stands in it marked */
	function marked(title, ws) {
		var chars = Array.from(title), f = fold(title), on = [];
		ws.forEach(function (w) {
			for (var i = 0; i + w.length <= f.length; i++) {
				var j = 0;
				while (j < w.length && f[i + j] === w[j]) j++;
				if (j === w.length) for (j = 0; j < w.length; j++) on[i + j] = true;
			}
		});
		var frag = document.createDocumentFragment(), i = 0;
		while (i < chars.length) {
			var j = i;
			while (j < chars.length && !!on[j] === !!on[i]) j++;
			var part = chars.slice(i, j).join('');
			frag.appendChild(on[i] ? el('mark', null, part) : document.createTextNode(part));
			i = j;
		}
		return frag;
	}
	function dateZh(iso) {
		var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
		return m ? +m[1] + '年' + +m[2] + '月' + +m[3] + '日' : iso;
	}
	function item(line, ws) {
		/* [url, title, kind, place, category, status, deadline] */
		var li = el('li', 'result'), a = el('a');
		a.href = line[0];
		a.appendChild(marked(line[1], ws));
		var h = el('h2', 'result-title');
		h.appendChild(a);
		li.appendChild(h);
		var p = el('p', 'result-meta');
		p.appendChild(el('span', 'result-kind', line[2]));
		var parts = [line[3], line[4], line[5]];
		if (line[6]) parts.push((line[2] === '活动' ? '日期 ' : '截止 ') + dateZh(line[6]));
		parts.forEach(function (t) { if (t) p.appendChild(el('span', null, t)); });
		li.appendChild(p);
		return li;
	}
	var run = 0;
	function show(q) {
		var mine = ++run;
		box.setAttribute('aria-busy', 'true');
		while (box.firstChild) box.removeChild(box.firstChild);
		if (!words(fold(q)).length) {
			status.textContent = '请输入要找的字词，例如街道、社区或服务名称。';
			box.setAttribute('aria-busy', 'false');
			return Promise.resolve();
		}
		status.textContent = '正在搜索…';
		return search(q).then(function (r) {
			if (mine !== run) return;
			var list = el('ol', 'results'), shown = 0;
			box.appendChild(list);
			status.textContent = r.docs.length ? '找到 ' + r.docs.length + ' 条结果' : '没有找到包含“' + q.trim() + '”的内容。请换一个词，或减少字数再试。';
			function more() {
				var next = r.docs.slice(shown, shown + SHOW);
				shown += next.length;
				return lines(next).then(function (ls) {
					if (mine !== run) return;
					ls.forEach(function (l) { list.appendChild(item(l, r.words)); });
					var old = document.getElementById('search-more');
					if (old) old.parentNode.removeChild(old);
					if (shown < r.docs.length) {
						var b = el('button', 'more', '显示更多（还有 ' + (r.docs.length - shown) + ' 条）');
						b.id = 'search-more';
						b.type = 'button';
						b.onclick = function () { box.setAttribute('aria-busy', 'true'); more(); };
						box.appendChild(b);
					}
					box.setAttribute('aria-busy', 'false');
				});
			}
			return more();
		}).catch(function () {
			if (mine !== run) return;
			status.textContent = '搜索索引没能载入（网站可能刚刚更新）。请刷新页面后再试，或按下面的目录浏览。';
			box.setAttribute('aria-busy', 'false');
		});
	}
	function queryOf(search) {
		var m = /[?&]q=([^&]*)/.exec(search);
		if (!m) return '';
		try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { return ''; }
	}
	form.addEventListener('submit', function (e) {
		e.preventDefault();
		var q = input.value;
		if (window.history && history.pushState) history.pushState(null, '', '?q=' + encodeURIComponent(q));
		show(q);
	});
	window.addEventListener('popstate', function () {
		input.value = queryOf(location.search);
		show(input.value);
	});
	input.value = queryOf(location.search);
	show(input.value);
})();
