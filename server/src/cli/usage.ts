/** A command line the CLI cannot follow: reported with the usage text, exit 2. */
export class UsageError extends Error {}
