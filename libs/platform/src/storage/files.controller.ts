import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLOCK, Clock } from '@shipcrowd/kernel';
import { PublicRoute } from '../auth/decorators';
import { ApiProblems } from '../http/openapi-decorators';
import { ProblemException } from '../http/problem';
import { LocalFileStorage } from './local-file-storage';
import { isValidStorageKey } from './storage-keys';
import { FILE_STORAGE, FileStorage } from './storage.port';

/** Serves locally stored files through signed, expiring links (S3 links go to the object store directly). */
@ApiTags('files')
@Controller('v1/files')
export class FilesController {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('*')
  @PublicRoute()
  @ApiOperation({ summary: 'Download a file through a signed link', description: 'Links come from the API (e.g. a company\'s logoUrl) and expire; the signature covers the key and the expiry.' })
  @ApiParam({ name: '*', description: 'Object key, e.g. companies/<id>/logo/<id>.png' })
  @ApiQuery({ name: 'expires', description: 'Unix time (s) after which the link stops working', example: '1767225600' })
  @ApiQuery({ name: 'sig', description: 'HMAC-SHA256 signature (hex)', example: '9f2c…' })
  @ApiProduces('image/png', 'image/jpeg', 'image/webp', 'application/octet-stream')
  @ApiOkResponse({ description: 'The file bytes', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(403, 404)
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('expires') expires?: string, @Query('sig') sig?: string): Promise<void> {
    const key = decodeKey((request.params as Record<string, string>)['*']);
    if (!(this.storage instanceof LocalFileStorage) || !key || !isValidStorageKey(key)) {
      throw new ProblemException(404, 'files.not_found', 'No such file.');
    }
    const verdict = this.storage.signer.check(key, typeof expires === 'string' ? expires : undefined, typeof sig === 'string' ? sig : undefined, Math.floor(this.clock.now().getTime() / 1000));
    if (verdict === 'expired') throw new ProblemException(403, 'files.link_expired', 'This link has expired; ask the API for a fresh one.');
    if (verdict === 'forged') throw new ProblemException(403, 'files.invalid_signature', 'This link is not valid.');
    const file = await this.storage.get(key);
    if (!file) throw new ProblemException(404, 'files.not_found', 'No such file.');
    const maxAge = Math.max(0, Number(expires) - Math.floor(this.clock.now().getTime() / 1000));
    await reply
      .status(200)
      .header('content-type', file.contentType)
      .header('content-length', String(file.size))
      .header('cache-control', `private, max-age=${maxAge}`)
      .header('content-disposition', 'inline')
      .send(file.body);
  }
}

function decodeKey(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
}
