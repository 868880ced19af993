'use strict';
/**
 * Writes a large multi-document YAML file, as a Helm release of a big mesh renders it: per service a
 * ServiceAccount, a Deployment (probes, resources, env, annotations), a Service, a DestinationRule and a
 * VirtualService, 200 services a namespace. `node bench/large-yaml.js <file> <MiB>`; prints the object count.
 */
const fs = require('fs');

function service(i) {
  const ns = `team-${Math.floor(i / 200)}`;
  const name = `svc-${i}`;
  const env = Array.from({ length: 12 }, (_, k) => `        - name: SETTING_${k}\n          value: "value-${k}-for-${name}"`).join('\n');
  return `---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app.kubernetes.io/name: ${name}, app.kubernetes.io/managed-by: Helm}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
    version: v1
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/managed-by: Helm
  annotations:
    meta.helm.sh/release-name: big-mesh
    meta.helm.sh/release-namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}, version: v1}
  template:
    metadata:
      labels: {app: ${name}, version: v1}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "15020"
    spec:
      serviceAccountName: ${name}
      containers:
      - name: app
        image: registry.example.com/team/${name}:1.${i % 40}.0
        ports:
        - {name: http, containerPort: 8080}
        env:
${env}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: "1", memory: 512Mi}
        readinessProbe:
          httpGet: {path: /healthz/ready, port: 8080}
          periodSeconds: 5
        livenessProbe:
          httpGet: {path: /healthz/live, port: 8080}
          periodSeconds: 10
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}}
spec:
  selector: {app: ${name}}
  ports:
  - {name: http, port: 80, targetPort: 8080}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  host: ${name}.${ns}.svc.cluster.local
  subsets:
  - name: v1
    labels: {version: v1}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  hosts: [${name}.${ns}.svc.cluster.local]
  http:
  - route:
    - destination: {host: ${name}.${ns}.svc.cluster.local, subset: v1}
    timeout: 5s
`;
}

function write(file, mib) {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let objects = 0;
  let namespaces = 0;
  for (let i = 0; bytes < mib * 1024 * 1024; i++) {
    if (i % 200 === 0) {
      const ns = `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${namespaces++}\n  labels: {istio-injection: enabled}\n`;
      bytes += fs.writeSync(fd, ns);
      objects++;
    }
    bytes += fs.writeSync(fd, service(i));
    objects += 5;
  }
  fs.closeSync(fd);
  return { bytes, objects };
}

module.exports = { write };

if (require.main === module) {
  const [file, mib] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(write(file, Number(mib ?? 100)))}\n`);
}
