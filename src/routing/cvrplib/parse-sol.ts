/** Reader for CVRPLIB `.sol` files: `Route #r: c1 c2 ...` lines (customers 1..n-1), `Cost c`. */
export interface SolFile {
  routes: number[][];
  cost: number | null;
}

export function parseSol(text: string): SolFile {
  const routes: number[][] = [];
  let cost: number | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const route = /^Route\s*#\d+\s*:\s*(.*)$/i.exec(line);
    if (route) {
      routes.push(route[1]!.trim() === '' ? [] : route[1]!.trim().split(/\s+/).map(Number));
      continue;
    }
    const costMatch = /^Cost\s+([-+0-9.eE]+)/i.exec(line);
    if (costMatch) cost = Number(costMatch[1]);
  }

  return { routes, cost };
}
