import { faultModes } from '../faults/fault-injector.js';

/** JSON schemas of the request parts; only shape is checked here, content rules live in the stores. */
export const maxPageSize = 100;

const registerIdParam = { type: 'object', required: ['registerId'], properties: { registerId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

export const schemas = {
  registerParams: { params: registerIdParam },
  productSearch: {
    querystring: {
      type: 'object',
      properties: {
        search: { type: 'string', maxLength: 200, default: '' },
        skip: { type: 'integer', minimum: 0, default: 0 },
        top: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 20 },
      },
    },
  },
  customerSearch: {
    querystring: {
      type: 'object',
      properties: { search: { type: 'string', maxLength: 200, default: '' }, top: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 20 } },
    },
  },
  transactions: {
    body: {
      type: 'object',
      required: ['transactions'],
      properties: { transactions: { type: 'array', maxItems: 1000, items: { type: 'object' } } },
    },
  },
  packageList: {
    querystring: {
      type: 'object',
      required: ['registerId'],
      properties: { registerId: { type: 'string', minLength: 1 }, after: { type: 'integer', minimum: 0, default: 0 } },
    },
  },
  packageStatus: {
    body: {
      type: 'object',
      required: ['registerId', 'status'],
      properties: {
        registerId: { type: 'string', minLength: 1 },
        status: { type: 'string', enum: ['Requested', 'Downloaded', 'Applied', 'DownloadFailed', 'ApplyFailed', 'Suspended', 'Canceled'] },
        error: { type: ['string', 'null'], maxLength: 4000 },
      },
    },
  },
  offlineProfile: {
    params: registerIdParam,
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        switchToOfflineTimeoutMs: { type: 'integer', minimum: 1 },
        reconnectIntervalMs: { type: 'integer', minimum: 0 },
        uploadIntervalMs: { type: 'integer', minimum: 0 },
        downloadIntervalMs: { type: 'integer', minimum: 0 },
        uploadBatchSize: { type: 'integer', minimum: 1 },
        retryCountToOffline: { type: 'integer', minimum: 0 },
        systemHealthCheckIntervalMs: { type: 'integer', minimum: 0 },
      },
    },
  },
  products: {
    body: {
      type: 'object',
      properties: {
        products: {
          type: 'array',
          items: {
            type: 'object',
            required: ['productId'],
            additionalProperties: false,
            properties: {
              productId: { type: 'string', minLength: 1, maxLength: 64 },
              barcode: { type: 'string', pattern: '^[0-9]{8,14}$' },
              name: { type: 'string', minLength: 1, maxLength: 200 },
              category: { type: 'string', minLength: 1, maxLength: 100 },
              price: { type: 'number', minimum: 0 },
            },
          },
        },
        deleteProductIds: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  },
  customers: {
    body: {
      type: 'object',
      properties: {
        customers: {
          type: 'array',
          items: {
            type: 'object',
            required: ['customerId'],
            additionalProperties: false,
            properties: {
              customerId: { type: 'string', minLength: 1, maxLength: 64 },
              name: { type: 'string', minLength: 1, maxLength: 200 },
              email: { type: ['string', 'null'], maxLength: 200 },
              phone: { type: ['string', 'null'], maxLength: 50 },
            },
          },
        },
        deleteCustomerIds: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  },
  faults: {
    body: {
      type: 'object',
      required: ['mode'],
      additionalProperties: false,
      properties: { mode: { type: 'string', enum: faultModes }, latencyMs: { type: 'integer', minimum: 0, maximum: 600000 } },
    },
  },
};
