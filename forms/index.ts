/**
 * forms/ — form definitions (JSON Schema + uiSchema) and the form registry (formKey → form).
 * Built with the [processes] issue; nothing is exported yet.
 */
export {};
