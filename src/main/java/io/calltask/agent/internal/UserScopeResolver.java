package io.calltask.agent.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.calltask.agent.CallerAgent;
import io.calltask.agent.UserScope;
import io.calltask.api.ApiException;
import io.calltask.api.Ids;

/**
 * Lets controllers declare {@link CallerAgent}, {@link CallerKey} and {@link UserScope} parameters. The user check
 * happens here, once, for every user-scoped route.
 */
@Component
class UserScopeResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	private final UserRepository users;

	UserScopeResolver(UserRepository users) {
		this.users = users;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type == CallerAgent.class || type == UserScope.class || type == CallerKey.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
			WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		CallerAgent agent = (CallerAgent) request.getAttribute(AgentKeyFilter.AGENT_ATTRIBUTE);
		if (agent == null) {
			throw new ApiException.Unauthorized("缺少 API 密钥（Authorization: Bearer <key>）");
		}
		if (parameter.getParameterType() == CallerAgent.class) {
			return agent;
		}
		if (parameter.getParameterType() == CallerKey.class) {
			return request.getAttribute(AgentKeyFilter.KEY_ATTRIBUTE);
		}
		@SuppressWarnings("unchecked")
		Map<String, String> vars = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		UUID userId = Ids.uuidOr404(vars == null ? null : vars.get("user_id"), "用户不存在");
		UUID owner = users.ownerOf(userId).orElse(null);
		if (!agent.id().equals(owner)) {
			throw new ApiException.NotFound("用户不存在");
		}
		return new UserScope(agent.id(), userId);
	}

}
