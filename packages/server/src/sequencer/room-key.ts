/** One string per (app, room), for maps; ids never contain `|`. */
export function roomKey(app: string, room: string): string {
  return `${app}|${room}`
}
