import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI 3 document of the REST API at /api/docs (UI) and /api/docs-json. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Fonds Accélération API')
    .setDescription(
      'REST API of the Fonds Accélération grant platform (Investissement Québec). Amounts are integer cents (CAD). ' +
        'Every error answers { code, message, correlationId }; messages are French unless Accept-Language asks for English.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'POST /api/v1/auth/token gives one' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Fonds Accélération API' });
}
