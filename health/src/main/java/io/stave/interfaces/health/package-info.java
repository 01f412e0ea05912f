/**
 * {@code /health/ready} on the management port: the node is ready only when the database answers,
 * the Hazelcast member sees a safe cluster, the CamelContext runs and a policy is active; a check
 * that is down says why, and why start-up failed if it did. This jar sits in the EAR's lib folder
 * because WildFly registers health checks only of the top-level deployment (WFLY-12835); the checks
 * reach the node's state through the {@link io.stave.readiness.NodeReadiness} view of the startup
 * bean.
 */
package io.stave.interfaces.health;
