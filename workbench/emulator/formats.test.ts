// The Accept-driven shapes of formats.ts on hand-built minimal-metadata bodies (the fidelity suite checks them over HTTP).
import { contentTypeOf, metadataLevel, shapeBody } from './formats';

const item = {
  'odata.type': 'SP.Data.API_x0020_KeysListItem',
  'odata.id': 'http://h/sites/a/_api/Web/Lists(guid\'l\')/Items(1)',
  'odata.etag': '"3"',
  'odata.editLink': 'Web/Lists(guid\'l\')/Items(1)',
  Author: { 'odata.type': 'SP.Data.UserInfoItem', 'odata.id': 'http://h/sites/a/_api/Web/SiteUserInfoList/Items(11)', Id: 11, Title: 'Adele Vance' },
  Id: 1,
  Title: 'Order sync'
};

describe('metadataLevel', () => {
  it.each([
    ['application/json', 'minimal'],
    [undefined, 'minimal'],
    ['application/json;odata=minimalmetadata', 'minimal'],
    ['application/json; odata=nometadata', 'nometadata'],
    ['application/json;odata=verbose', 'verbose'],
    [['text/plain', 'application/json;odata=verbose'], 'verbose']
  ])('reads %j as %s', (accept, level) => {
    expect(metadataLevel(accept as string | string[] | undefined)).toBe(level);
  });

  it('names the format in Content-Type', () => {
    expect(contentTypeOf('nometadata')).toMatch(/^application\/json;odata=nometadata;/);
    expect(contentTypeOf('verbose')).toMatch(/^application\/json;odata=verbose;/);
  });
});

describe('shapeBody', () => {
  it('leaves minimal metadata as the handlers built it', () => {
    const body = { 'odata.metadata': 'm', value: [item] };
    expect(shapeBody(body, 'minimal')).toBe(body);
  });

  it('nometadata drops every odata.* property, nested ones too, but keeps odata.nextLink and odata.null', () => {
    expect(shapeBody({ 'odata.metadata': 'm', value: [item], 'odata.nextLink': 'next' }, 'nometadata')).toEqual({
      value: [{ Author: { Id: 11, Title: 'Adele Vance' }, Id: 1, Title: 'Order sync' }],
      'odata.nextLink': 'next'
    });
    expect(shapeBody({ 'odata.null': true }, 'nometadata')).toEqual({ 'odata.null': true });
  });

  it('verbose wraps in d, gives each entity __metadata, a collection results and __next, a list of strings results', () => {
    expect(shapeBody({ 'odata.metadata': 'm', value: [item], 'odata.nextLink': 'next' }, 'verbose')).toEqual({
      d: {
        results: [
          {
            __metadata: { id: "Web/Lists(guid'l')/Items(1)", uri: "http://h/sites/a/_api/Web/Lists(guid'l')/Items(1)", etag: '"3"', type: 'SP.Data.API_x0020_KeysListItem' },
            Author: { __metadata: { id: 'http://h/sites/a/_api/Web/SiteUserInfoList/Items(11)', uri: 'http://h/sites/a/_api/Web/SiteUserInfoList/Items(11)', type: 'SP.Data.UserInfoItem' }, Id: 11, Title: 'Adele Vance' },
            Id: 1,
            Title: 'Order sync'
          }
        ],
        __next: 'next'
      }
    });
    expect(shapeBody({ 'odata.type': 'SP.FieldChoice', Choices: ['A', 'B'] }, 'verbose')).toEqual({
      d: { __metadata: { type: 'SP.FieldChoice' }, Choices: { __metadata: { type: 'Collection(Edm.String)' }, results: ['A', 'B'] } }
    });
    expect(shapeBody({ 'odata.null': true }, 'verbose')).toEqual({ d: null });
    expect(shapeBody({ 'odata.metadata': 'http://h/_api/$metadata#SP.ContextWebInformation', FormDigestValue: 'x', SupportedSchemaVersions: ['15.0.0.0'] }, 'verbose')).toEqual({
      d: { GetContextWebInformation: { __metadata: { type: 'SP.ContextWebInformation' }, FormDigestValue: 'x', SupportedSchemaVersions: { __metadata: { type: 'Collection(Edm.String)' }, results: ['15.0.0.0'] } } }
    });
  });
});
