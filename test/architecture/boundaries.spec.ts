import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkImport, importsOf, REPO_ROOT, scanBoundaries } from './boundaries';

describe('Architecture boundaries', () => {
  it('hold across apps/ and libs/', () => {
    const violations = scanBoundaries(REPO_ROOT).map((v) => `${v.file}: '${v.specifier}' — ${v.rule}`);
    expect(violations).toEqual([]);
  });

  describe('the checker', () => {
    it.each([
      ['libs/orders/src/application/x.handler.ts', '@shipcrowd/wallet/contracts'],
      ['libs/orders/src/application/x.handler.ts', '@shipcrowd/kernel'],
      ['libs/orders/src/application/x.handler.ts', '@shipcrowd/platform'],
      ['libs/orders/src/application/x.handler.spec.ts', '@shipcrowd/platform/testing'],
      ['libs/orders/src/application/x.handler.ts', '../../domain/order'],
      ['libs/orders/src/domain/order.ts', '@shipcrowd/kernel'],
      ['libs/orders/src/infrastructure/persistence/orders.schema.ts', 'drizzle-orm/pg-core'],
      ['libs/platform/src/http/problem.ts', '@shipcrowd/kernel'],
      ['apps/api/api.module.ts', '@shipcrowd/orders'],
      ['apps/api/api.module.ts', '../worker/worker.module'],
      ['libs/identity/src/identity.module.ts', '@shipcrowd/simulators'],
      ['libs/identity/src/infrastructure/adapters/sms.adapter.spec.ts', '@shipcrowd/simulators'],
    ])('allows %s → %s', (file, specifier) => {
      expect(checkImport(file, specifier)).toBeNull();
    });

    it.each([
      ['libs/orders/src/application/x.handler.ts', '@shipcrowd/wallet', /only through @shipcrowd\/wallet\/contracts/],
      ['libs/orders/src/application/x.handler.ts', '@shipcrowd/wallet/src/domain/wallet', /deep import/],
      ['libs/orders/src/application/x.handler.ts', '../../../../wallet/src/domain/wallet', /leaves libs\/orders/],
      ['libs/orders/src/application/x.handler.ts', '@shipcrowd/platform/testing', /tests only/],
      ['libs/orders/src/domain/order.ts', '@nestjs/common', /plain TypeScript/],
      ['libs/orders/src/domain/order.ts', 'drizzle-orm', /plain TypeScript/],
      ['libs/orders/src/domain/order.ts', 'fastify', /plain TypeScript/],
      ['libs/platform/src/http/problem.ts', '@shipcrowd/identity/contracts', /platform must not import a context/],
      ['libs/kernel/src/money.ts', '@shipcrowd/orders', /kernel must not import a context/],
      ['libs/kernel/src/money.ts', '@shipcrowd/platform', /kernel must not depend on platform/],
      ['apps/api/api.module.ts', '@shipcrowd/orders/src/orders.module', /deep import/],
      ['apps/api/api.module.ts', '../../libs/orders/src/orders.module', /leaves apps/],
      ['libs/identity/src/application/send-code.handler.ts', '@shipcrowd/simulators', /wired only/],
      ['libs/simulators/src/twilio.ts', '@shipcrowd/identity/contracts', /simulators must not import a context/],
    ])('refuses %s → %s', (file, specifier, rule) => {
      expect(checkImport(file, specifier)).toMatch(rule);
    });

    it('reads static, type-only, re-export, dynamic and require imports but not comments', () => {
      const source = [
        "import { A } from '@shipcrowd/a';",
        "import type { B } from '@shipcrowd/b/contracts';",
        "import '@shipcrowd/c';",
        "export * from './d';",
        "export { E } from '../e';",
        "const f = await import('@shipcrowd/f');",
        "const g = require('@shipcrowd/g');",
        "import {\n  H,\n  I,\n} from '@shipcrowd/h';",
        "// import { X } from '@shipcrowd/commented';",
        "/* import { Y } from '@shipcrowd/block'; */",
      ].join('\n');
      expect(importsOf(source)).toEqual(['@shipcrowd/a', '@shipcrowd/b/contracts', '@shipcrowd/c', './d', '../e', '@shipcrowd/f', '@shipcrowd/g', '@shipcrowd/h']);
    });

    it('fails on a tree with a violation and passes once it is fixed', () => {
      const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
      const write = (file: string, text: string) => {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
      };
      try {
        write('apps/api/main.ts', "import { OrdersModule } from '@shipcrowd/orders';\n");
        write('libs/wallet/contracts/index.ts', 'export interface WalletFacade { debit(): Promise<void> }\n');
        write('libs/orders/src/domain/order.ts', "import { Injectable } from '@nestjs/common';\nexport class Order {}\n");
        write('libs/orders/src/application/place.handler.ts', "import { Wallet } from '@shipcrowd/wallet/src/domain/wallet';\n");
        expect(scanBoundaries(root).map((v) => v.file).sort()).toEqual(['libs/orders/src/application/place.handler.ts', 'libs/orders/src/domain/order.ts']);

        write('libs/orders/src/domain/order.ts', "import { DomainError } from '@shipcrowd/kernel';\nexport class Order {}\n");
        write('libs/orders/src/application/place.handler.ts', "import type { WalletFacade } from '@shipcrowd/wallet/contracts';\n");
        expect(scanBoundaries(root)).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
