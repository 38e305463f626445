// The page can drive the widget the script tag mounted.
document.getElementById('open').addEventListener('click', () => {
  window.Algochat?.widget?.open()
})
