/* campaign-site quiz: turns a quiz page's study sheet into a form that scores
   itself. Small, local, vanilla; without it the page still shows every
   question with its answer behind "查看答案". Answers, the option order of
   the attempt and the result are kept in localStorage, so a reload loses
   nothing. */
(function () {
  "use strict";
  var LETTERS = "ABCDEFGHIJ";

  function init(root) {
    var dataEl = root.querySelector(".cs-quiz__data");
    if (!dataEl || root.classList.contains("cs-quiz--js")) return;
    var data = JSON.parse(dataEl.textContent);
    var questions = data.questions;
    var byId = {};
    questions.forEach(function (q) { byId[q.id] = q; });
    var sig = questions.map(function (q) { return q.id + ":" + q.keys.join(""); }).join("|");
    var KEY = "cs-quiz:" + data.id;
    var state = load();

    function fresh() {
      return { sig: sig, seed: Math.floor(Math.random() * 4294967296), answers: {}, submitted: false };
    }
    function load() {
      try {
        var s = JSON.parse(localStorage.getItem(KEY) || "null");
        if (s && s.sig === sig && typeof s.seed === "number" && s.answers) return s;
      } catch (e) { /* unreadable or private mode */ }
      return fresh();
    }
    function save() {
      try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }

    // A small seeded generator: the same seed gives the same option order.
    function rng(seed) {
      var a = seed >>> 0;
      return function () {
        a = (a + 0x6D2B79F5) >>> 0;
        var t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    function hash(text) {
      var h = 2166136261;
      for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
      return h >>> 0;
    }
    function order(q) {
      var keys = q.keys.slice();
      if (q.type === "true_false") return keys;
      var r = rng(state.seed ^ hash(q.id));
      for (var i = keys.length - 1; i > 0; i--) {
        var j = Math.floor(r() * (i + 1));
        var t = keys[i]; keys[i] = keys[j]; keys[j] = t;
      }
      return keys;
    }

    // Test mode: the page holds no answers; one submission, then a receipt and the results page.
    var test = data.mode === "test";
    root.classList.add("cs-quiz--js");
    var nojs = root.querySelector(".cs-quiz__nojs");
    if (nojs) nojs.textContent = test
      ? "这是一次考试：请逐题作答，全部答完后点击“提交答卷”。每人只能提交一次，提交后不能修改；成绩和答案在测试结束后公布。"
      : "请逐题作答，全部答完后点击“提交答卷”查看得分、正确答案和解析。答题过程会自动保存在本机浏览器中。";
    var form = root.querySelector(".cs-quiz__form");
    var items = Array.prototype.slice.call(root.querySelectorAll(".cs-quiz__item"));

    var bar = document.createElement("div");
    bar.className = "cs-quiz__bar";
    var submit = document.createElement("button");
    submit.type = "submit";
    submit.className = "cs-quiz__submit";
    submit.textContent = "提交答卷";
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "cs-quiz__retry";
    retry.textContent = "重新作答";
    var status = document.createElement("p");
    status.className = "cs-quiz__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(submit);
    if (!test) bar.appendChild(retry);
    bar.appendChild(status);
    var result = document.createElement("div");
    result.className = "cs-quiz__result";
    result.setAttribute("tabindex", "-1");
    result.hidden = true;
    form.appendChild(bar);
    form.insertBefore(result, form.firstChild);

    function build() {
      items.forEach(function (item) {
        var q = byId[item.getAttribute("data-question")];
        var details = item.querySelector(".cs-quiz__key");
        if (details) details.hidden = true;
        var ul = item.querySelector(".cs-quiz__options");
        var texts = {};
        q.keys.forEach(function (k, i) { texts[k] = q.options[i]; });
        ul.innerHTML = "";
        var chosen = state.answers[q.id] || [];
        order(q).forEach(function (k, i) {
          var li = document.createElement("li");
          li.className = "cs-quiz__option";
          var label = document.createElement("label");
          var input = document.createElement("input");
          input.type = q.type === "multiple" ? "checkbox" : "radio";
          input.name = "q-" + q.id;
          input.value = k;
          input.checked = chosen.indexOf(k) >= 0;
          var span = document.createElement("span");
          span.className = "cs-quiz__label";
          span.textContent = (q.type === "true_false" ? "" : LETTERS[i] + ". ") + texts[k];
          label.appendChild(input);
          label.appendChild(span);
          li.appendChild(label);
          ul.appendChild(li);
        });
        item.classList.remove("cs-quiz__item--missing", "cs-quiz__item--right", "cs-quiz__item--wrong");
        var old = item.querySelectorAll(".cs-quiz__flag, .cs-quiz__feedback, .cs-quiz__mine");
        Array.prototype.forEach.call(old, function (el) { el.remove(); });
      });
    }

    function chosenOf(item) {
      var inputs = item.querySelectorAll("input:checked");
      return Array.prototype.map.call(inputs, function (i) { return i.value; }).sort();
    }

    function shown(q, item, k) {
      // The answer as this attempt shows it: the letter in the shuffled order and the text.
      var inputs = item.querySelectorAll("input");
      for (var i = 0; i < inputs.length; i++) {
        if (inputs[i].value === k) return inputs[i].nextSibling.textContent;
      }
      return k;
    }

    function same(a, b) {
      return a.length === b.length && a.slice().sort().join("") === b.slice().sort().join("");
    }

    function markChosen() {
      // the chosen option stays legible after submission, not only a faint disabled radio
      Array.prototype.forEach.call(form.querySelectorAll("input"), function (i) {
        i.disabled = true;
        if (i.checked) {
          var mark = document.createElement("span");
          mark.className = "cs-quiz__mine";
          mark.textContent = "（你的选择）";
          i.parentNode.appendChild(mark);
        }
      });
    }

    function showReceipt(focus) {
      markChosen();
      result.className = "cs-quiz__result cs-quiz__result--sent";
      result.innerHTML = "";
      var h = document.createElement("p");
      h.className = "cs-quiz__score";
      h.textContent = "答卷已提交，谢谢参加！本测试每人只能提交一次。";
      var rec = document.createElement("p");
      rec.className = "cs-quiz__receipt";
      rec.textContent = "你的答案：" + questions.map(function (q, n) {
        return "第" + (n + 1) + "题 " + (state.answers[q.id] || []).join("");
      }).join("，") + "。";
      result.appendChild(h);
      result.appendChild(rec);
      var more = document.createElement("p");
      if (data.results) {
        var a = document.createElement("a");
        a.href = data.results;
        a.textContent = "查看测试结果与知晓率";
        more.appendChild(a);
      } else {
        more.textContent = "成绩和正确答案在测试结束后公布。";
      }
      result.appendChild(more);
      result.hidden = false;
      submit.hidden = true;
      status.textContent = "已提交。";
      if (focus) result.focus();
    }

    function showResult(focus) {
      if (test) return showReceipt(focus);
      var right = 0;
      items.forEach(function (item) {
        var q = byId[item.getAttribute("data-question")];
        var given = state.answers[q.id] || [];
        var ok = same(given, q.answer);
        if (ok) right++;
        item.classList.add(ok ? "cs-quiz__item--right" : "cs-quiz__item--wrong");
        var fb = document.createElement("div");
        fb.className = "cs-quiz__feedback";
        var verdict = document.createElement("p");
        verdict.className = "cs-quiz__verdict cs-quiz__verdict--" + (ok ? "right" : "wrong");
        verdict.textContent = ok ? "✓ 回答正确" : "✗ 回答错误";
        var ans = document.createElement("p");
        ans.className = "cs-quiz__correct";
        ans.textContent = "正确答案：" + q.answer.map(function (k) { return shown(q, item, k); }).join("；");
        fb.appendChild(verdict);
        fb.appendChild(ans);
        var expl = item.querySelector(".cs-quiz__explanation");
        if (expl) {
          var e = expl.cloneNode(true);
          e.insertAdjacentHTML("afterbegin", "<strong>解析：</strong>");
          fb.appendChild(e);
        }
        item.querySelector("fieldset").appendChild(fb);
      });
      markChosen();
      var total = questions.length;
      var score = Math.round(right * 100 / total);
      var pass = right * 100 >= data.pass_mark * total;
      result.className = "cs-quiz__result cs-quiz__result--" + (pass ? "pass" : "fail");
      result.innerHTML = "";
      var h = document.createElement("p");
      h.className = "cs-quiz__score";
      h.innerHTML = "得分：<strong class=\"cs-quiz__points\"></strong> 分（答对 <span class=\"cs-quiz__right\"></span> / " + total +
        " 题）　<strong class=\"cs-quiz__verdict-all\"></strong>";
      h.querySelector(".cs-quiz__points").textContent = String(score);
      h.querySelector(".cs-quiz__right").textContent = String(right);
      h.querySelector(".cs-quiz__verdict-all").textContent = pass ? "合格" : "不合格";
      var note = document.createElement("p");
      note.textContent = "合格线 " + data.pass_mark + " 分。" + (pass ? "祝贺通过！" : "请看下面各题的正确答案和解析，再试一次。");
      result.appendChild(h);
      result.appendChild(note);
      result.hidden = false;
      submit.hidden = true;
      retry.hidden = false;
      status.textContent = "已提交：得分 " + score + " 分，" + (pass ? "合格" : "不合格") + "。";
      if (focus) result.focus();
    }

    function reset() {
      result.hidden = true;
      submit.hidden = false;
      retry.hidden = true;
      status.textContent = "";
    }

    form.addEventListener("change", function (ev) {
      if (state.submitted) return;
      var item = ev.target.closest(".cs-quiz__item");
      if (!item) return;
      var q = byId[item.getAttribute("data-question")];
      state.answers[q.id] = chosenOf(item);
      if (!state.answers[q.id].length) delete state.answers[q.id];
      save();
      if (state.answers[q.id]) {
        item.classList.remove("cs-quiz__item--missing");
        var flag = item.querySelector(".cs-quiz__flag");
        if (flag) flag.remove();
        Array.prototype.forEach.call(item.querySelectorAll("input"), function (i) { i.removeAttribute("aria-invalid"); });
      }
    });

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (state.submitted) return;
      var missing = [];
      items.forEach(function (item, n) {
        var q = byId[item.getAttribute("data-question")];
        var has = (state.answers[q.id] || []).length > 0;
        if (!has) {
          missing.push({ item: item, n: n + 1 });
          item.classList.add("cs-quiz__item--missing");
          if (!item.querySelector(".cs-quiz__flag")) {
            var flag = document.createElement("p");
            flag.className = "cs-quiz__flag";
            flag.id = "flag-" + q.id;
            flag.textContent = "本题尚未作答";
            item.querySelector(".cs-quiz__options").insertAdjacentElement("afterend", flag);
          }
          Array.prototype.forEach.call(item.querySelectorAll("input"), function (i) {
            i.setAttribute("aria-invalid", "true");
            i.setAttribute("aria-describedby", "flag-" + q.id);
          });
        }
      });
      if (missing.length) {
        status.textContent = "还有 " + missing.length + " 题未作答（第 " +
          missing.map(function (m) { return m.n; }).join("、") + " 题），请作答后再提交。";
        var first = missing[0].item.querySelector("input");
        if (first) first.focus();
        return;
      }
      state.submitted = true;
      save();
      showResult(true);
    });

    retry.addEventListener("click", function () {
      state = fresh();
      save();
      reset();
      build();
      var first = form.querySelector("input");
      if (first) first.focus();
    });

    build();
    reset();
    if (state.submitted) showResult(false);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".cs-quiz"), init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
