import { formatTable } from './core';
import { runDashboardBench } from './dashboard';
runDashboardBench({ log: console.log, n: 20 }).then((s) => console.log(formatTable(s)));
