// The shop's own script. It talks to the widget through the handle the
// embed script leaves on window.Algochat once it has mounted.
let count = 0

for (const button of document.querySelectorAll('.add')) {
  button.addEventListener('click', () => {
    count += 1
    document.getElementById('cart-count').textContent = String(count)
  })
}

document.getElementById('ask').addEventListener('click', () => {
  window.Algochat?.widget?.open()
})
