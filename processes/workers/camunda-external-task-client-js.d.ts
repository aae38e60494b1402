/**
 * The part of camunda-external-task-client-js v3's API the workers host (host.ts), worker modules
 * and tests use (the package ships no types; @types/camunda-external-task-client-js describes v1).
 * Extend it as they need more.
 */
declare module 'camunda-external-task-client-js' {
  export interface TypedValue {
    type: string;
    value: unknown;
    valueInfo?: Record<string, unknown>;
  }

  export class Variables {
    get(name: string): unknown;
    getTyped(name: string): TypedValue | null;
    getAll(): Record<string, unknown>;
    set(name: string, value: unknown): this;
    setAll(values: Record<string, unknown>): this;
    setTyped(name: string, typed: TypedValue): this;
  }

  export interface Task {
    id: string;
    topicName: string;
    workerId: string;
    businessKey: string | null;
    processInstanceId: string;
    retries: number | null;
    variables: Variables;
    [field: string]: unknown;
  }

  export interface TaskService {
    complete(task: Task, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
  }

  export type Handler = (args: { task: Task; taskService: TaskService }) => Promise<void> | void;

  /** A request interceptor: gets and returns got's request options. */
  export type Interceptor = (config: Record<string, unknown>) => Record<string, unknown>;

  /** `new BasicAuthInterceptor({username, password})` is an interceptor (a function). */
  export const BasicAuthInterceptor: new (options: { username: string; password: string }) => Interceptor;
  export const KeycloakAuthInterceptor: new (options: { tokenEndpoint: string; clientId: string; clientSecret: string; cacheOffset?: number }) => Interceptor;

  /** Middleware that logs the client's events to the console. */
  export function logger(client: Client): void;

  export interface ClientOptions {
    baseUrl: string;
    interceptors?: Interceptor | Interceptor[];
    use?: ((client: Client) => void) | ((client: Client) => void)[];
    maxParallelExecutions?: number;
    workerId?: string;
    maxTasks?: number;
    interval?: number;
    lockDuration?: number;
    autoPoll?: boolean;
    asyncResponseTimeout?: number;
    usePriority?: boolean;
  }

  export class Client {
    constructor(options: ClientOptions);
    subscribe(topic: string, handler: Handler): { unsubscribe(): void };
    subscribe(topic: string, options: Record<string, unknown>, handler: Handler): { unsubscribe(): void };
    start(): void;
    stop(): void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    off(event: string, listener: (...args: unknown[]) => void): this;
  }
}
