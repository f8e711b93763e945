// Starts GOV.UK Frontend's components (character counts, error summary focus, ...). A static module because
// the content security policy allows no inline script. Pages work fully without it.
import { initAll } from '/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
