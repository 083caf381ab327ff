/**
 * src/cli/output: the shell the everyday commands share — the hub connection flags
 * (`--kubeconfig`, `--context`, `-n`, `-A`, `-o`, `-w`) and how objects print: kubectl-style
 * tables from each kind's CRD printer columns, `-o wide|name|json|yaml`, `show` as a
 * describe-like view, and `-w` watches. Also the generic list/show/delete subcommands and the
 * parsing of labels and selectors typed on the command line. Printing is pure (objects in,
 * text out); only hub-connection and the command builders do I/O.
 */
export { processIo, type CliIo } from './cli-io.js';
export { conditionsTable, describeObject, type DescribeSection } from './describe-object.js';
export { addHubOptions, addPrintOptions, connectHub, defaultHubKubeconfig, explainHubError, withHub, type Hub, type HubFlags, type PrintFlags } from './hub-connection.js';
export { cellText, kindView, type KindView, type ViewColumn } from './kind-view.js';
export { ArgumentError, labelChangesFromArguments, selectorFromArguments, type LabelChanges } from './label-arguments.js';
export { deleteCommand, getObject, listCommand, listObjects, objectError, showCommand, type ShowSections } from './object-commands.js';
export { OUTPUT_FORMATS, OutputFormatError, parseOutputFormat, type OutputFormat } from './output-format.js';
export { noResourcesMessage, objectTable, printable, printObjects, type PrintOptions } from './print-objects.js';
export { columnWidths, formatLine, formatTable, type TextTable } from './table-text.js';
export { watchObjects, type WatchObjectsOptions } from './watch-objects.js';
