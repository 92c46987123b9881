"""A small JSON Schema check for the command-line contracts' schema files (docs/*.schema.json), so that their
examples are tested without a schema library: $ref (with sibling keys), type (number included), enum, required,
properties, additionalProperties (a schema), minProperties, items, minItems, maxItems, pattern, minLength, minimum
and maximum."""

import re


def validate(value, schema, root, path="$"):
    """Errors of `value` against `schema`; `root` holds the `$defs` that `$ref`s name."""
    if "$ref" in schema:
        schema = {
            **root["$defs"][schema["$ref"].rsplit("/", 1)[1]],
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
    errors = []
    types = schema.get("type")
    if types:
        names = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
        allowed = [types] if isinstance(types, str) else types
        ok = any(
            (t == "integer" and isinstance(value, int) and not isinstance(value, bool))
            or (t == "number" and isinstance(value, int | float) and not isinstance(value, bool))
            or (t not in ("integer", "number") and isinstance(value, names[t]))
            for t in allowed
        )
        if not ok:
            return [f"{path}: {value!r} is not {allowed}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        errors.append(f"{path}: too short")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            errors.append(f"{path}: {value} out of range")
    if isinstance(value, dict):
        errors += [f"{path}: missing {key}" for key in schema.get("required", []) if key not in value]
        if len(value) < schema.get("minProperties", 0):
            errors.append(f"{path}: too few properties")
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += validate(value[key], sub, root, f"{path}.{key}")
        others = schema.get("additionalProperties")
        if isinstance(others, dict):
            for key in value.keys() - schema.get("properties", {}).keys():
                errors += validate(value[key], others, root, f"{path}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{path}: too few items")
        if len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{path}: too many items")
        for position, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), root, f"{path}[{position}]")
    return errors
