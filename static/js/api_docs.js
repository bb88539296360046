// Starts Swagger UI on the API documentation page (a file, not an inline script: the CSP allows none).
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("swagger-ui");
  if (!element || !window.SwaggerUIBundle) return;
  const csrf = document.body.getAttribute("hx-headers");
  let token = "";
  try { token = JSON.parse(csrf)["X-CSRFToken"]; } catch (error) { token = ""; }
  window.SwaggerUIBundle({
    url: element.dataset.schemaUrl,
    domNode: element,
    deepLinking: false,
    validatorUrl: null,
    requestInterceptor: (request) => { if (token) request.headers["X-CSRFToken"] = token; return request; },
  });
});
