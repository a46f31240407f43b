// Jalali date picker on every <input data-jdp>, including inputs htmx swaps in.
(function () {
  if (window.jalaliDatepicker) {
    window.jalaliDatepicker.startWatch({
      persianDigits: true,
      autoShow: true,
      hideAfterChange: true,
      showTodayBtn: true,
      showEmptyBtn: true,
      zIndex: 1060,
    });
  }
})();
