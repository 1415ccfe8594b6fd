'use strict';
// Analyzes BigQuery scripts with ZetaSQL, the SQL front end BigQuery is built on, for the test suite.
// Input (stdin, JSON):
//   { "tables": [{ "name": "olist.raw_orders", "columns": [["order_id", "STRING"], ...] }],
//     "scripts": [{ "name": "...", "sql": "one or more statements", "parameters": { "grain": "STRING" }, "evaluate": false }] }
// Output (stdout, JSON): { "statements": N, "results": [{ "name": "...", "statements": n, "error": null | "message", "rows": [...] }] }
// Scripts are analyzed in order against one catalog: a table or view a statement creates is added with the columns ZetaSQL
// resolved for it, a dropped one removed, so later scripts see the dataset as BigQuery would. A script stops at its first
// failing statement. A script with "evaluate" is one query run by ZetaSQL's reference implementation; "rows" holds its
// result (numbers as JSON numbers, INT64 as text, NULL as null).
const { execFile } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { ZetaSQLClient } = require('@fivetrandevelopers/zetasql');

// ZetaSQL's TypeKind for each BigQuery type name the input may use.
const TYPE_KINDS = {
  INT64: 2, BOOL: 5, FLOAT64: 7, STRING: 8, BYTES: 9, DATE: 10, TIMESTAMP: 19, DATETIME: 21, NUMERIC: 23, BIGNUMERIC: 24, JSON: 26,
};
const PRODUCT_EXTERNAL = 1;
const FEATURE_INTERVAL_TYPE = 49;
const ERROR_MESSAGE_MULTI_LINE_WITH_CARET = 2;

const TYPE_ARRAY = 16;

function typeOf(name) {
  const array = /^ARRAY<(.+)>$/.exec(name);
  if (array) {
    return { typeKind: TYPE_ARRAY, arrayType: { elementType: typeOf(array[1]) } };
  }
  const kind = TYPE_KINDS[name];
  if (kind === undefined) {
    throw new Error(`unknown BigQuery type ${name}; known: ${Object.keys(TYPE_KINDS).join(', ')}`);
  }
  return { typeKind: kind };
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The package's runServer copies the server's chatter to stdout, where the JSON result goes, so it is started here.
function startServer(port) {
  const binary = path.join(path.dirname(require.resolve('@fivetrandevelopers/zetasql')), 'zetasql',
    `remote_server${process.arch.startsWith('arm') ? '_arm' : ''}${process.platform === 'darwin' ? '' : '.so'}`);
  const child = execFile(binary, ['localhost', String(port)], { maxBuffer: 64 * 1024 * 1024 });
  child.on('error', error => fail(`cannot start the ZetaSQL server ${binary}: ${error.message}`));
  process.on('exit', () => child.kill('SIGKILL'));
}

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', chunk => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

// The first value of `key` anywhere under `node`: the resolved AST nests each statement kind in its parents.
function find(node, key) {
  if (node === null || typeof node !== 'object') {
    return undefined;
  }
  if (Object.prototype.hasOwnProperty.call(node, key)) {
    return node[key];
  }
  for (const value of Object.values(node)) {
    const found = find(value, key);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

// True when what is left of a script holds no statement (ZetaSQL resumes right after the last semicolon).
function onlyComments(text) {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}

// How the statement changes the catalog: the table or view it creates (with its resolved columns), or the one it drops.
function catalogChange(statement) {
  const create = statement && statement.resolvedCreateStatementNode;
  const columns = create && find(create, 'columnDefinitionList');
  if (columns && columns.length > 0) {
    return { create: { name: find(create, 'namePath').join('.'), column: columns.map(c => ({ name: c.name, type: c.type })) } };
  }
  const drop = statement && statement.resolvedDropStmtNode;
  return drop ? { drop: drop.namePath.join('.') } : null;
}

// A ZetaSQL value as plain JSON.
function plain(cell) {
  const value = cell.value === undefined ? null : cell[cell.value];
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'object' && 'low' in value && 'high' in value) {
    return (BigInt(value.high >>> 0) * 4294967296n + BigInt(value.low >>> 0)).toString();
  }
  return value;
}

async function main() {
  const input = JSON.parse(await readStdin());
  const port = await freePort();
  startServer(port);
  ZetaSQLClient.init(port);
  const client = ZetaSQLClient.getInstance();
  if (!(await client.testConnection())) {
    fail(`the ZetaSQL server did not answer on port ${port}`);
  }

  // Every released language feature plus INTERVAL (still flagged in development), every statement kind, and BigQuery's
  // product mode: external (FLOAT64 and no DOUBLE, no protocol buffers).
  const maximum = await client.getLanguageOptions({ maximumFeatures: true });
  const languageOptions = {
    ...maximum,
    productMode: PRODUCT_EXTERNAL,
    supportedStatementKinds: [],
    enabledLanguageFeatures: [...new Set([...maximum.enabledLanguageFeatures, FEATURE_INTERVAL_TYPE])],
  };
  const tables = new Map(input.tables.map(t => [t.name, { name: t.name, column: t.columns.map(([name, type]) => ({ name, type: typeOf(type) })) }]));
  let catalogId = null;
  const catalog = async () => {
    if (catalogId === null) {
      const registered = await client.registerCatalog({
        simpleCatalog: { name: 'bigquery', table: [...tables.values()], builtinFunctionOptions: { languageOptions } },
      });
      catalogId = registered.registeredId;
    }
    return catalogId;
  };
  const changeCatalog = async change => {
    if (change.create) {
      tables.set(change.create.name, change.create);
    } else {
      tables.delete(change.drop);
    }
    if (catalogId !== null) {
      await client.unRegisterCatalog({ registeredId: catalogId });
      catalogId = null;
    }
  };
  const evaluate = request => new Promise((resolve, reject) =>
    ZetaSQLClient.API.evaluateQuery(request, (error, response) => (error ? reject(error) : resolve(response))));

  const results = [];
  let statements = 0;
  for (const script of input.scripts) {
    const options = {
      languageOptions,
      errorMessageMode: ERROR_MESSAGE_MULTI_LINE_WITH_CARET,
      queryParameters: Object.entries(script.parameters || {}).map(([name, type]) => ({ name, type: typeOf(type) })),
    };
    const result = { name: script.name, statements: 0, error: null };
    if (script.evaluate) {
      result.statements = 1;
      try {
        const response = await evaluate({ sql: script.sql, options, registeredCatalogId: await catalog() });
        result.rows = response.content.tableData.row.map(row => row.cell.map(plain));
      } catch (e) {
        result.error = e.details || String(e);
      }
    } else {
      const sql = Buffer.from(script.sql, 'utf8');
      let position = 0;
      while (result.error === null && !onlyComments(sql.subarray(position).toString('utf8'))) {
        result.statements += 1;
        try {
          const response = await client.analyze({
            options,
            registeredCatalogId: await catalog(),
            parseResumeLocation: { input: script.sql, bytePosition: position, allowResume: true },
          });
          position = response.resumeBytePosition;
          const change = catalogChange(response.resolvedStatement);
          if (change !== null) {
            await changeCatalog(change);
          }
        } catch (e) {
          result.error = e.details || String(e);
        }
      }
    }
    statements += result.statements;
    results.push(result);
  }
  // Exit only once the report is written: on a pipe, exiting right after write() cuts it at 64 KiB.
  process.stdout.write(JSON.stringify({ statements, results }), () => process.exit(0));
}

main().catch(e => fail(e.stack || String(e)));
