/** Who is making a change, for the audit log: the signed-in user (null: a command or the system). */
export const whoOf = (locals: App.Locals) => ({
  username: locals.user?.username ?? null,
  now: new Date().toISOString()
});
