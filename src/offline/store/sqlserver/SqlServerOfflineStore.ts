// placeholder, replaced below
export class SqlServerOfflineStore { static async open(_c: string): Promise<never> { throw new Error('todo'); } }
