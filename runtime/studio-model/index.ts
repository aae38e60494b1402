/** The studio's entity designer: the shared metadata draft, its preview and publish, versions, export/import. */
export { studioModelRoutes } from './routes.js';
export { packageFiles, packageOfFiles, formatDocument, type PackageFile } from './bundle.js';
export { readZip, writeZip } from './zip.js';
